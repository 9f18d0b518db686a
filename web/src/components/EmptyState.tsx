import { Icon } from 'design-react-kit';

/** A list with no rows says so in words (inside the table's place, announced politely). */
export function EmptyState({ text }: { text: string }) {
  return (
    <div className="empty-state d-flex align-items-center gap-2 p-4 my-3" role="status">
      <Icon icon="it-info-circle" color="primary" aria-hidden="true" />
      <p className="mb-0 fw-semibold">{text}</p>
    </div>
  );
}
