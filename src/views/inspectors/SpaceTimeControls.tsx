import { useStore } from '../../store/index';
import type { DiagramOptions } from '../../store/inspectors/inspectorSlice';
import type { SpaceTimeModel } from '../../worker/protocol';
import { zoomControl } from './zoomControl';

/** Source, labels, clock kind, collapse, axis and the agents shown. */
export function SpaceTimeControls({ model }: { model: SpaceTimeModel | null }) {
  const options = useStore((s) => s.diagramOptions);
  const source = useStore((s) => s.diagramSource);
  const set = useStore((s) => s.setDiagramOptions);
  const choose =
    <K extends keyof DiagramOptions>(key: K) =>
    (e: React.ChangeEvent<HTMLSelectElement>) =>
      set({ [key]: e.target.value } as Partial<DiagramOptions>);
  const hidden = new Set(options.hiddenAgents);
  return (
    <div className="inspector-controls">
      <label>
        Draw{' '}
        <select
          value={source}
          onChange={(e) =>
            useStore.setState({ diagramSource: e.target.value as 'run' | 'log', inspectedEvent: -1, comparedEvent: -1 })
          }
        >
          <option value="run">the run</option>
          <option value="log">an imported log</option>
        </select>
      </label>
      <label>
        Clock labels{' '}
        <select value={options.labels} onChange={choose('labels')}>
          <option value="hover">on hover</option>
          <option value="always">always</option>
        </select>
      </label>
      <label>
        Clock{' '}
        <select value={options.clock} onChange={choose('clock')}>
          <option value="vector">vector</option>
          <option value="lamport">Lamport</option>
          <option value="both">vector and Lamport</option>
        </select>
      </label>
      <label>
        Time axis{' '}
        <select value={options.axis} onChange={choose('axis')}>
          <option value="order">event order</option>
          <option value="time">simulated time</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={options.collapseLocal}
          onChange={(e) => set({ collapseLocal: e.target.checked })}
        />{' '}
        Collapse local events
      </label>
      <button type="button" onClick={() => zoomControl.reset()}>
        Reset zoom
      </button>
      {model && model.agentIds.length > 0 && (
        <details>
          <summary>Agents shown ({model.agentIds.length - hidden.size})</summary>
          <fieldset className="agent-filter">
            <legend className="visually-hidden">Agents shown</legend>
            {model.agentIds.map((id, i) => (
              <label key={id}>
                <input
                  type="checkbox"
                  checked={!hidden.has(i)}
                  onChange={(e) =>
                    set({
                      hiddenAgents: e.target.checked
                        ? options.hiddenAgents.filter((a) => a !== i)
                        : [...options.hiddenAgents, i],
                    })
                  }
                />{' '}
                {id}
              </label>
            ))}
          </fieldset>
        </details>
      )}
    </div>
  );
}
