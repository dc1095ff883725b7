import type { AgreementVerdict } from './useConsensusRun';

/**
 * The Byzantine outcome in one line: honest agents agree, or — the safety
 * violation the lesson is about — they do not, with two witnesses and the
 * votes that reliable broadcast delivered differently to them.
 */
export function AgreementBanner({
  agreement,
  malicious,
  f,
}: {
  agreement: AgreementVerdict;
  malicious: number;
  f: number;
}) {
  if (agreement.agreed) {
    const decided = agreement.approved.length + agreement.rejected.length;
    const outcome =
      agreement.approved.length > 0 ? 'approved' : agreement.rejected.length > 0 ? 'rejected' : 'undecided';
    return (
      <p className="agree-banner" data-testid="agreement-banner">
        <strong>All honest agents agree</strong>: {decided} decided {outcome}
        {agreement.undecided.length > 0 ? `, ${agreement.undecided.length} undecided` : ''}. ({malicious} malicious, f ={' '}
        {f})
      </p>
    );
  }
  const w = agreement.witnesses;
  return (
    <div className="disagree-banner" role="alert" data-testid="disagreement-banner">
      <p>
        <strong>Honest agents disagree.</strong> {agreement.approved.length} approved, {agreement.rejected.length}{' '}
        rejected — {malicious} malicious agents are more than f = {f}, so Bracha's broadcast no longer guarantees
        agreement.
      </p>
      {w && (
        <>
          <p>
            Witnesses: <strong data-testid="witness-approved">{w.approvedBy}</strong> approved,{' '}
            <strong data-testid="witness-rejected">{w.rejectedBy}</strong> rejected. The votes they were delivered
            differently:
          </p>
          <table className="witness-table">
            <caption className="visually-hidden">Votes delivered differently to the two witnesses</caption>
            <thead>
              <tr>
                <th scope="col">Owner</th>
                <th scope="col">{w.approvedBy} got</th>
                <th scope="col">{w.rejectedBy} got</th>
              </tr>
            </thead>
            <tbody>
              {w.differingVotes.map((d) => (
                <tr key={d.owner}>
                  <th scope="row">{d.owner}</th>
                  <td>{d.approvedSide ?? '—'}</td>
                  <td>{d.rejectedSide ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
