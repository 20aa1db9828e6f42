/** Native dialogs, provided by the desktop shell; absent in browser mode and the CLI. */
export interface NativeDialogs {
  /** Puts a PNG on the system clipboard as an image. */
  copyImage?(png: Uint8Array): Promise<void>;
  chooseSavePath(options: { defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
}
