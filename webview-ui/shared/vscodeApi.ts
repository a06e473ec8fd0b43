// The webview side of VS Code's messaging and state API, typed per panel.

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface PanelApi<ToHost, State> {
  post(message: ToHost): void;
  state(): State;
  /** Merges `patch` into the saved state (VS Code restores it when a hidden panel comes back). */
  saveState(patch: Partial<State>): void;
}

let api: VsCodeApi | undefined;

export function panelApi<ToHost, State extends object>(): PanelApi<ToHost, State> {
  api ??= acquireVsCodeApi(); // may be called only once per webview
  const vs = api;
  return {
    post: (m) => vs.postMessage(m),
    state: () => ((vs.getState() as State | undefined) ?? ({} as State)),
    saveState: (patch) => vs.setState({ ...((vs.getState() as State | undefined) ?? {}), ...patch }),
  };
}
