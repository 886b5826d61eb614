/** Why a file or folder on the PC cannot be used, in words for the task's remark. */
export function reasonOf(error: unknown, what: "file" | "folder"): string {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  switch (code) {
    case "ENOENT":
      return "does not exist";
    case "ENOTDIR":
      return what === "folder" ? "is not a folder" : "does not exist (a part of the path is a file, not a folder)";
    case "EACCES":
    case "EPERM":
      return "cannot be read: permission denied";
    default:
      return `cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
