// bootstrap-italia ships its types as .ts sources that do not compile under this project's
// strict ESM settings; the app uses one function of it, declared here.
declare module 'bootstrap-italia' {
  export function loadFonts(path?: string): void;
}
