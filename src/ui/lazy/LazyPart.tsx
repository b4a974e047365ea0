/**
 * A part of the pane that lives in its own chunk: a skeleton (Fluent Shimmer) while the chunk loads, the part once it
 * is in, and — when the download fails or the part throws while rendering — an error with a Retry button in its place.
 * Nothing a lazy part does takes the rest of the pane down.
 */
import * as React from 'react';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { Shimmer, ShimmerElementType } from '@fluentui/react/lib/Shimmer';
import { hiddenContentStyle, mergeStyles } from '@fluentui/react/lib/Styling';
import * as strings from 'AppStrings';
import { format } from '../../common/format';
import type { Chunk } from './chunk';

/** What the admin reads about this part: while it loads and when it cannot be shown. */
export interface LazyPartTexts {
  /** "Loading the users list…" (read by screen readers while the skeleton shows). */
  loading: string;
  /** "The users list could not be loaded." */
  failed: string;
}

export interface LazyPartProps<P extends object> {
  chunk: Chunk<React.ComponentType<P>>;
  /** The props the loaded component receives. */
  props: P;
  texts: LazyPartTexts;
  /** Skeleton lines shown while loading (default 4). */
  skeletonLines?: number;
  /** Names the part in test ids: lazy-loading-{part}, lazy-error-{part}. */
  part: string;
}

type Shown<P> = { kind: 'loading' } | { kind: 'ready'; component: React.ComponentType<P> } | { kind: 'failed'; error: unknown };

const hidden = mergeStyles(hiddenContentStyle);
const WIDTHS = ['40%', '100%', '90%', '95%', '70%', '85%'];

function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.message.split('\n')[0] || error.name;
  }
  return String(error);
}

/** The skeleton: a few Shimmer lines, announced as busy with the part's loading text. */
function Skeleton(props: { texts: LazyPartTexts; lines: number; part: string }): JSX.Element {
  const lines: JSX.Element[] = [];
  for (let i = 0; i < props.lines; i++) {
    lines.push(
      <Shimmer
        key={i}
        width={WIDTHS[i % WIDTHS.length]}
        shimmerElements={[{ type: ShimmerElementType.line, height: i === 0 ? 20 : 14 }]}
        styles={{ root: { marginTop: 10 } }}
      />,
    );
  }
  return (
    <div role="status" aria-busy="true" data-testid={`lazy-loading-${props.part}`}>
      <span className={hidden}>{props.texts.loading}</span>
      <div aria-hidden="true">{lines}</div>
    </div>
  );
}

/** The error in the part's place, with Retry. */
function Failed(props: { texts: LazyPartTexts; error: unknown; part: string; onRetry(): void }): JSX.Element {
  return (
    <div data-testid={`lazy-error-${props.part}`}>
      <MessageBar
        messageBarType={MessageBarType.error}
        isMultiline
        actions={
          <div>
            <DefaultButton text={strings.LazyRetry} onClick={props.onRetry} />
          </div>
        }
      >
        <strong>{props.texts.failed}</strong> {strings.LazyFailedNextStep} {format(strings.LazyFailedDetail, describe(props.error))}
      </MessageBar>
    </div>
  );
}

interface BoundaryProps {
  onError(error: unknown): void;
  children?: React.ReactNode;
}

/** Catches a render error of the loaded part, so it shows as this part's error and not as a blank pane. */
class PartBoundary extends React.Component<BoundaryProps, { failed: boolean }> {
  public state: { failed: boolean } = { failed: false };

  public static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  public componentDidCatch(error: unknown): void {
    this.props.onError(error);
  }

  public render(): React.ReactNode {
    return this.state.failed ? <></> : this.props.children;
  }
}

export function LazyPart<P extends object>(props: LazyPartProps<P>): JSX.Element {
  const { chunk } = props;
  const [shown, setShown] = React.useState<Shown<P>>(() => {
    const component = chunk.loaded();
    return component ? { kind: 'ready', component } : { kind: 'loading' };
  });
  // Each Retry is a new attempt: the effect below loads again and the boundary starts afresh.
  const [attempt, setAttempt] = React.useState(0);

  React.useEffect(() => {
    if (shown.kind !== 'loading') {
      return undefined;
    }
    let current = true;
    chunk.load().then(
      (component: React.ComponentType<P>) => {
        if (current) {
          setShown({ kind: 'ready', component });
        }
      },
      (error: unknown) => {
        if (current) {
          setShown({ kind: 'failed', error });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [chunk, shown.kind, attempt]);

  const retry = React.useCallback(() => {
    setAttempt((n: number) => n + 1);
    setShown({ kind: 'loading' });
  }, []);
  const onRenderError = React.useCallback((error: unknown) => setShown({ kind: 'failed', error }), []);

  if (shown.kind === 'loading') {
    return <Skeleton texts={props.texts} lines={props.skeletonLines ?? 4} part={props.part} />;
  }
  if (shown.kind === 'failed') {
    return <Failed texts={props.texts} error={shown.error} part={props.part} onRetry={retry} />;
  }
  const Component = shown.component;
  return (
    <PartBoundary key={attempt} onError={onRenderError}>
      <Component {...props.props} />
    </PartBoundary>
  );
}
