/** Native dialogs, provided by the desktop shell; absent in browser mode and the CLI. */
export interface NativeDialogs {
  chooseSavePath(options: { defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
}
