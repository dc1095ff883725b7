import { useStore } from '../../store/index';
import type { MergeStrategy } from '../../store/inspectors/inspectorSlice';

const show = (v: unknown) => JSON.stringify(v) ?? String(v);

/** The same versions under lww, vector and crdt, side by side. */
export function StrategyCompare() {
  const compare = useStore((s) => s.mergeCompare);
  if (!compare) return null;
  const order: MergeStrategy[] = ['lww', 'vector', 'crdt'];
  return (
    <table className="strategy-compare" aria-label="Strategies compared">
      <caption>Same versions, three strategies</caption>
      <thead>
        <tr>
          <th scope="col">Strategy</th>
          <th scope="col">Result</th>
          <th scope="col">How</th>
        </tr>
      </thead>
      <tbody>
        {order.map((k) => {
          const o = compare[k];
          return (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td data-testid={`compare-${k}`}>{o.ok ? show(o.result.value) : '—'}</td>
              <td>
                {o.ok
                  ? `${o.result.metadata.resolutionStrategy}${o.result.agentId === 'coordinator' ? ` (${o.result.metadata.crdtType})` : `, ${o.result.agentId} wins`}`
                  : o.message}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
