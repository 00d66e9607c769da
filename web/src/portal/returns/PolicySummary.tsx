/** The return policy in words (GET /portal/returns/policy): the window, who pays the label, the restocking fee. */
import type { ReturnPolicy } from '../../api/index.js';
import { policySentences } from '../return-words.js';

export function PolicySummary({ policy }: { policy: ReturnPolicy }) {
  return (
    <section className="card portal-policy" aria-labelledby="policy-heading">
      <h2 id="policy-heading">Our return policy</h2>
      {policySentences(policy).map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </section>
  );
}
