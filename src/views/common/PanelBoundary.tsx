import { Component, type ReactNode } from 'react';

interface Props {
  /** The panel's name, as its tab says it ("Consensus"). */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Catches a render error in one panel and says so in words, with a way to try again: the rest
 * of the page (the stage, the player, the user's scenario) keeps working.
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    // The page has no server to report to: the console keeps the stack for whoever debugs it.
    console.error(`The ${this.props.name} panel failed to draw:`, error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="panel-error">
        <p>
          The {this.props.name} panel could not be drawn: {error.message}. Your scenario and run are unchanged.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
