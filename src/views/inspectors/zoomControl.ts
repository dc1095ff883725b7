/** The diagram registers its zoom reset here, so the controls can call it without importing the diagram. */
export const zoomControl = { reset: () => {} };
