// The board lives on a websocket; it renders in the browser only.
export const ssr = false;
