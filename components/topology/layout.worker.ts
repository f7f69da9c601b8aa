import { layout, type LayoutInput } from './layout';

/** Layout off the main thread: one request in, positions out. */
self.onmessage = (e: MessageEvent<{ seq: number; input: LayoutInput }>) => {
  self.postMessage({ seq: e.data.seq, result: layout(e.data.input) });
};
