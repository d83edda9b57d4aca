/** Importing 'stackengine/element' defines <stackengine-sandbox> (the full UI in Shadow DOM). */
export {};
declare global {
  interface HTMLElementTagNameMap {
    'stackengine-sandbox': HTMLElement;
  }
}
