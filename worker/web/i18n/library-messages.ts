/** The library's and the upload form's texts (messages.ts holds them as `library`). */
export interface LibraryMessages {
  title: string;
  empty: string;
  tag: string;
  type: string;
  video: string;
  image: string;
  usedFilter: string;
  used: string;
  unused: string;
  usedBy: (who: string) => string;
  heldBy: (task: number) => string;
  more: string;
  putBack: string;
  delete: string;
  deleted: string;
  putBackDone: string;
  noPicture: string;
  open: (name: string) => string;
  upload: {
    title: string;
    files: string;
    filesHint: string;
    tags: string;
    tagsHint: string;
    caption: string;
    start: string;
    needsScript: string;
    // The upload script's words, handed to it in data- attributes.
    waiting: string;
    sending: string;
    resuming: string;
    retrying: string;
    done: string;
    failed: string;
    wrongType: string;
  };
}

export const LIBRARY_EN: LibraryMessages = {
  title: "Library",
  empty: "No materials match. Upload videos or images below.",
  tag: "Tag",
  type: "Type",
  video: "Video",
  image: "Image",
  usedFilter: "Used",
  used: "used",
  unused: "unused",
  usedBy: (who) => `used by ${who}`,
  heldBy: (task) => `held by task ${task}`,
  more: "More materials",
  putBack: "Mark unused",
  delete: "Delete",
  deleted: "Deleted.",
  putBackDone: "Marked unused: a post may pick it again.",
  noPicture: "video",
  open: (name) => `Open ${name}`,
  upload: {
    title: "Upload",
    files: "Videos or images",
    filesHint: "MP4 videos, JPEG, PNG or WebP images, from this device's camera roll or files.",
    tags: "Tags",
    tagsHint: "Comma-separated: a post can pick among the files of a tag.",
    caption: "Caption for these files (optional)",
    start: "Upload",
    needsScript: "Uploading needs JavaScript, which this browser has turned off.",
    waiting: "waiting",
    sending: "sending",
    resuming: "resuming: parts already there are kept",
    retrying: "connection lost, trying again",
    done: "uploaded",
    failed: "failed",
    wrongType: "not an MP4 video or a JPEG, PNG or WebP image",
  },
};

export const LIBRARY_ZH: LibraryMessages = {
  title: "素材库",
  empty: "没有符合条件的素材。请在下方上传视频或图片。",
  tag: "标签",
  type: "类型",
  video: "视频",
  image: "图片",
  usedFilter: "是否已用",
  used: "已使用",
  unused: "未使用",
  usedBy: (who) => `由 ${who} 使用`,
  heldBy: (task) => `任务 ${task} 占用中`,
  more: "更多素材",
  putBack: "标记为未使用",
  delete: "删除",
  deleted: "已删除。",
  putBackDone: "已标记为未使用：发布时可再次选用。",
  noPicture: "视频",
  open: (name) => `打开 ${name}`,
  upload: {
    title: "上传",
    files: "视频或图片",
    filesHint: "MP4 视频，JPEG、PNG 或 WebP 图片，可从本设备相册或文件中选择。",
    tags: "标签",
    tagsHint: "用逗号分隔：发布时可从某个标签的文件中选取。",
    caption: "这些文件的文案（可选）",
    start: "上传",
    needsScript: "上传需要 JavaScript，但此浏览器已将其关闭。",
    waiting: "等待中",
    sending: "上传中",
    resuming: "继续上传：已上传的分片会保留",
    retrying: "连接中断，正在重试",
    done: "已上传",
    failed: "失败",
    wrongType: "不是 MP4 视频，也不是 JPEG、PNG 或 WebP 图片",
  },
};
