/**
 * Rating the delivery once something arrived (PUT /portal/orders/{id}/feedback): 1 to 5 as a radio
 * group and an optional comment; afterwards the thanks with the rating, and a way to change it.
 */
import { useState } from 'react';
import { api, ApiError, call, type DeliveryFeedback as Feedback, type PortalOrder } from '../../api/index.js';
import { TextAreaField } from '../../shared/fields.js';
import { FormError, FormActions, useSubmit } from '../../shared/forms.js';
import { Notice } from '../../shared/Notice.js';

const RATINGS = [
  { value: 1, words: 'Very poor' },
  { value: 2, words: 'Poor' },
  { value: 3, words: 'OK' },
  { value: 4, words: 'Good' },
  { value: 5, words: 'Excellent' },
] as const;

const COMMENT_MAX = 2000;

export function DeliveryFeedback({ order, onSaved }: { order: PortalOrder; onSaved(feedback: Feedback): void }) {
  const [saved, setSaved] = useState<Feedback | null>(null);
  const [editing, setEditing] = useState(false);
  const feedback = saved ?? order.feedback;
  if (!order.can_leave_feedback && feedback === null) return null;

  return (
    <section className="card" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Your delivery</h2>
      {feedback !== null && !editing ? (
        <>
          <Notice tone="success">
            Thanks for your feedback: you rated the delivery {feedback.rating} out of 5.
          </Notice>
          {feedback.comment ? <blockquote className="portal-feedback-comment">{feedback.comment}</blockquote> : null}
          {order.can_leave_feedback ? (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Change your rating
            </button>
          ) : null}
        </>
      ) : (
        <FeedbackForm
          orderId={order.id}
          current={feedback}
          onCancel={feedback !== null ? () => setEditing(false) : undefined}
          onSaved={(next) => {
            setSaved(next);
            setEditing(false);
            onSaved(next);
          }}
        />
      )}
    </section>
  );
}

function FeedbackForm({ orderId, current, onSaved, onCancel }: { orderId: string; current: Feedback | null; onSaved(feedback: Feedback): void; onCancel?: () => void }) {
  const [local, setLocal] = useState<ApiError | null>(null);
  const { onSubmit, pending, error: server } = useSubmit(async ({ rating = '', comment = '' }) => {
    setLocal(null);
    if (rating === '') {
      setLocal(new ApiError(422, { detail: 'Choose a rating from 1 to 5.', errors: [{ path: 'rating', message: 'choose one from 1 to 5' }] }));
      return;
    }
    const body = { rating: Number(rating), comment: comment.trim() === '' ? null : comment };
    onSaved(await call(api.portalApi.PUT('/portal/orders/{id}/feedback', { params: { path: { id: orderId } }, body })));
  });
  const error = local ?? server;
  const ratingError = error?.fieldMessage('rating');
  return (
    <form className="form portal-feedback-form" onSubmit={onSubmit} noValidate id="feedback-form">
      <FormError error={error} fields={['rating', 'comment']} />
      <fieldset className="portal-rating" aria-describedby={ratingError ? 'rating-error' : undefined}>
        <legend>How was the delivery?</legend>
        <div className="portal-rating-options">
          {RATINGS.map((r) => (
            <label key={r.value} className="portal-rating-option">
              <input type="radio" name="rating" value={r.value} defaultChecked={current?.rating === r.value} aria-invalid={ratingError ? true : undefined} />
              <span>
                {r.value} – {r.words}
              </span>
            </label>
          ))}
        </div>
        {ratingError ? (
          <p className="field-error" id="rating-error">
            Rating: {ratingError}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField label="Anything to add? (optional)" name="comment" rows={3} maxLength={COMMENT_MAX} defaultValue={current?.comment ?? ''} message={error?.fieldMessage('comment')} />
      <FormActions pending={pending} busyLabel="Sending…" onCancel={onCancel}>
        {current ? 'Save the change' : 'Send feedback'}
      </FormActions>
    </form>
  );
}
