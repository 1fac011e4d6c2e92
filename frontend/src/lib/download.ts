/** Hand `file` to the browser as a download named `name`. */
export function saveFile(file: Blob, name: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  // Some browsers read the URL only after the click returns: free it on the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
