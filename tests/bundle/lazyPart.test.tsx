/**
 * The lazy seam's mechanism: a chunk downloads once for every caller and is forgotten when it fails; LazyPart shows
 * a skeleton, then the part, or — when the download fails or the part throws — an error with Retry in its place,
 * leaving the rest of the pane alone.
 */
import * as React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { chunk } from '../../src/ui/lazy/chunk';
import { LazyPart } from '../../src/ui/lazy/LazyPart';

describe('LazyPart and chunk', () => {
  const texts = { loading: 'Loading the part\u2026', failed: 'The part could not be loaded.' };

  test('one download for every caller; a failed download is forgotten, so Retry asks again', async () => {
    const Part = (): JSX.Element => <p>the part</p>;
    const importer = jest
      .fn<Promise<React.ComponentType<object>>, []>()
      .mockRejectedValueOnce(new Error('Loading chunk part failed.'))
      .mockResolvedValue(Part);
    const part = chunk(importer);
    render(
      <>
        <LazyPart chunk={part} props={{}} texts={texts} part="a" />
        <LazyPart chunk={part} props={{}} texts={texts} part="b" />
      </>,
    );
    await screen.findByTestId('lazy-error-a');
    await screen.findByTestId('lazy-error-b');
    expect(importer).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getAllByRole('button', { name: 'Retry' })[0] as HTMLElement);
    await screen.findByText('the part');
    expect(importer).toHaveBeenCalledTimes(2);
    // The other copy still shows its error until its own Retry, which now resolves from the loaded chunk.
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getAllByText('the part')).toHaveLength(2));
    expect(importer).toHaveBeenCalledTimes(2);
  });

  test('an importer that throws synchronously is a failed load, not a crash', async () => {
    const part = chunk<React.ComponentType<object>>(() => {
      throw new Error('no chunk loader');
    });
    render(<LazyPart chunk={part} props={{}} texts={texts} part="sync" />);
    const error = await screen.findByTestId('lazy-error-sync');
    // MessageBar renders its text a moment later (DelayedRender, so screen readers announce it).
    await waitFor(() => expect(error.textContent).toContain('(Details: no chunk loader)'));
  });

  test('a loaded part that throws while rendering shows its error with Retry; the rest of the pane stays', async () => {
    let broken = true;
    const Fragile = (props: { label: string }): JSX.Element => {
      if (broken) {
        throw new Error('Cannot read properties of undefined');
      }
      return <p>{props.label}</p>;
    };
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      render(
        <div>
          <p>the readiness checks</p>
          <LazyPart chunk={chunk(() => Promise.resolve(Fragile))} props={{ label: 'the part, fixed' }} texts={texts} part="fragile" />
        </div>,
      );
      const error = await screen.findByTestId('lazy-error-fragile');
      await waitFor(() => expect(error.textContent).toContain('The part could not be loaded.'));
      expect(error.textContent).toContain('(Details: Cannot read properties of undefined)');
      expect(screen.getByText('the readiness checks')).toBeTruthy();

      broken = false;
      fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
      expect(await screen.findByText('the part, fixed')).toBeTruthy();
    } finally {
      consoleError.mockRestore();
    }
  });

  test('a part unmounted while its chunk loads sets no state afterwards', async () => {
    let resolve: (value: React.ComponentType<object>) => void = () => undefined;
    const part = chunk(() => new Promise<React.ComponentType<object>>((r) => (resolve = r)));
    const consoleError = jest.spyOn(console, 'error');
    const { unmount } = render(<LazyPart chunk={part} props={{}} texts={texts} part="gone" />);
    unmount();
    await act(async () => {
      resolve(() => <p>late</p>);
      await part.load();
    });
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
  });
});
