// Hands a file to the user (a Blob URL and an <a download>): nothing leaves the browser.
export function download(data: Blob, filename: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: keeps Chinese, drops what file systems refuse. */
export function fileName(title: string, ext: string): string {
  const base = title.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'nianbao';
  return `${base}.${ext}`;
}
