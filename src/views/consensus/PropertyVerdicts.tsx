import { type VerdictAtCursor, verdictAtCursor } from '../../store/consensus/leaderWords';
import type { PropertyVerdict } from '../../worker/protocol';

const MARK: Record<VerdictAtCursor, string> = {
  held: '✓ held',
  broken: '✗ violated',
  'broken-later': '✓ so far (violated later in the run)',
  'not-yet': '… judged at the end of the run',
};

/**
 * Every property of the run, as the engine checked it: held, or violated with what happened in
 * words and each witness's part. A safety violation shows as such once the cursor has passed it.
 */
export function PropertyVerdicts({
  properties,
  violated,
  atEnd,
}: {
  properties: readonly PropertyVerdict[];
  violated: readonly string[];
  atEnd: boolean;
}) {
  return (
    <section className="leader-properties" aria-labelledby="leader-properties-title">
      <h3 id="leader-properties-title">Properties</h3>
      <ul>
        {properties.map((p) => {
          const now = verdictAtCursor(p, violated, atEnd);
          return (
            <li key={p.id} className={`verdict ${now}`} data-testid={`property-${p.id}`} data-verdict={now}>
              <span className="verdict-mark">{MARK[now]}</span> {p.label}
              {now === 'broken' && p.violation && (
                <div className="violation" role="alert">
                  <p>{p.violation.message}</p>
                  {p.violation.witnesses.length > 0 && (
                    <ul className="witnesses" aria-label={`Witnesses: ${p.label}`}>
                      {p.violation.witnesses.map((w) => (
                        <li key={`${w.agentId}:${w.detail}`}>
                          <strong>{w.agentId}</strong> {w.detail}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
