import * as React from 'react';
import type { ReadinessController } from '../app/controller';
import type { AppState } from '../app/state';

/** Subscribes a component to the controller's state. */
export function useControllerState(controller: ReadinessController): AppState {
  const [state, setState] = React.useState<AppState>(controller.getState());
  React.useEffect(() => {
    setState(controller.getState());
    return controller.subscribe(setState);
  }, [controller]);
  return state;
}
