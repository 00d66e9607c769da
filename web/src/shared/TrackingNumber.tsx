/**
 * A parcel's tracking number as the customer sees it (tracking page, portal): a link to the
 * carrier's own tracking page when there is one, whose name says it leaves for the carrier's site.
 */
export function TrackingNumber({ number, url, className }: { number: string; url: string | null | undefined; className?: string }) {
  if (!url) return className ? <span className={className}>{number}</span> : <>{number}</>;
  return (
    <a href={url} rel="noreferrer" className={className}>
      {number}
      <span className="visually-hidden"> (on the carrier's site)</span>
    </a>
  );
}
