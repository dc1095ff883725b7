// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelBoundary } from '../../../src/views/common/PanelBoundary';

afterEach(cleanup);

let broken = true;
function Fragile() {
  if (broken) throw new Error('no trace index');
  return <p>drawn</p>;
}

describe('PanelBoundary', () => {
  it('shows a render error in words, keeps the rest of the page, and tries again', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <>
        <PanelBoundary name="Consensus">
          <Fragile />
        </PanelBoundary>
        <p>the stage</p>
      </>,
    );
    expect(screen.getByRole('alert').textContent).toContain('The Consensus panel could not be drawn: no trace index');
    expect(screen.getByText('the stage')).toBeTruthy();
    broken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('drawn')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    quiet.mockRestore();
  });
});
