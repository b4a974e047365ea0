/** What the pane needs from its host page (SharePoint page, Teams tab, demo preview). */
export interface HostServices {
  /** Copies text; resolves false when the host refuses (the UI then shows the text to copy by hand). */
  copyText(text: string): Promise<boolean>;
  /** Saves a file the admin downloads. */
  download(fileName: string, content: string, mimeType: string): void;
}

/** Browser implementations, used by every host. */
export const browserHost: HostServices = {
  async copyText(text: string): Promise<boolean> {
    try {
      if (typeof navigator !== 'undefined' && navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch {
      // Teams tabs and some browsers deny clipboard access: the UI offers the text to copy by hand.
    }
    return false;
  },
  download(fileName: string, content: string, mimeType: string): void {
    const blob = new Blob([content], { type: mimeType });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    document.body.appendChild(anchor);
    anchor.click();
    document.body.removeChild(anchor);
    setTimeout(() => URL.revokeObjectURL(url), 0);
  },
};
