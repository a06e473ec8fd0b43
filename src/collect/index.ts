// The collect layer: getting profile bytes from running Go programs and keeping them on disk.
export { fetchProfile, type FetchOptions } from './fetchProfile';
export { profileUrl, isUrlSource, type ProfileUrl } from './profileUrl';
export { saveCapture, saveCaptureWithFallback, type CaptureMeta, type FallbackSave, type SavedCapture } from './saveCapture';
export { CollectError, type CollectErrorKind } from './collectError';
