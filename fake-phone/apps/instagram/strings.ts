import type { Locale } from "../../system/device-profile.js";

// Instagram's texts: the English ones recorded in public dumps and scripts (README "Facts").
// No public source has Instagram's Android UI in Chinese; the Chinese set is this model's own,
// kept apart from the agent's data so a post on it proves what does not depend on language.

export interface InstagramStrings {
  home: string;
  search: string;
  create: string;
  reels: string;
  message: string;
  profile: string;
  createNew: string;
  createReel: string;
  createPost: string;
  createStory: string;
  newPost: string;
  newReel: string;
  addToStory: string;
  cancel: string;
  backToHome: string;
  next: string;
  recents: string;
  selectMultiple: string;
  thumbnail: (kind: "Photo" | "Video", selected: number | boolean, when: string) => string;
  tabs: { POST: string; STORY: string; REEL: string };
  captionHint: { old: string; new: string };
  storyCaption: string;
  share: string;
  saveDraft: string;
  ok: string;
  yourStory: string;
  closeFriends: string;
  sharingToReels: string;
  donePosting: string;
  postingTo: (user: string) => string;
  posted: string;
  cannotPost: string;
  posts: string;
  addAccount: string;
  reuseTitle: string;
  loadError: string;
  // The share screen's rows (GK, December 2025; MCP, December 2024).
  tagPeople: string;
  addLocation: string;
  renameAudio: string;
  originalAudio: string;
  addAudio: string;
  addAiLabel: string;
  aiLabelSubtitle: string;
  audience: string;
  everyone: string;
  alsoShareOn: string;
}

const EN: InstagramStrings = {
  home: "Home",
  search: "Search and explore",
  create: "Create",
  reels: "Reels",
  message: "Message",
  profile: "Profile",
  createNew: "Create New",
  createReel: "Create new reel",
  createPost: "Create new post",
  createStory: "Create new story",
  newPost: "New post",
  newReel: "New reel",
  addToStory: "Add to story",
  cancel: "Cancel",
  backToHome: "Back to Home",
  next: "Next",
  recents: "Recents",
  selectMultiple: "Select multiple",
  thumbnail: (kind, selected, when) =>
    typeof selected === "number" && selected > 0
      ? `Selected media number ${selected} ${kind} thumbnail created on ${when}`
      : `${selected === true ? "Selected" : "Unselected"} ${kind} thumbnail created on ${when}`,
  tabs: { POST: "POST", STORY: "STORY", REEL: "REEL" },
  captionHint: { old: "Write a caption…", new: "Write a caption and add hashtags…" },
  storyCaption: "Add a caption…",
  share: "Share",
  saveDraft: "Save draft",
  ok: "OK",
  yourStory: "Your story",
  closeFriends: "Close Friends",
  sharingToReels: "Sharing to Reels…",
  donePosting: "Done posting. Want to send it directly to friends?",
  postingTo: (user) => `Posting to ${user}…`,
  posted: "Posted! Nicely done.",
  cannotPost: "Video can't be posted",
  posts: "posts",
  addAccount: "Add account",
  reuseTitle: "New ways to reuse",
  loadError: "Unable to load media",
  tagPeople: "Tag people",
  addLocation: "Add location",
  renameAudio: "Rename audio",
  originalAudio: "Original Audio",
  // MCP names the feed's row "Add Audio" (music_row_title); its exact text is not quoted.
  addAudio: "Add audio",
  addAiLabel: "Add AI label",
  aiLabelSubtitle: "We require you to label certain realistic content that's made with AI. Learn more",
  audience: "Audience",
  everyone: "Everyone",
  alsoShareOn: "Also share on…",
};

const ZH: InstagramStrings = {
  home: "首页",
  search: "搜索和探索",
  create: "创建",
  reels: "Reels",
  message: "消息",
  profile: "主页",
  createNew: "新建",
  createReel: "新建 Reels",
  createPost: "新建帖子",
  createStory: "新建快拍",
  newPost: "新帖子",
  newReel: "新 Reels",
  addToStory: "添加到快拍",
  cancel: "取消",
  backToHome: "返回首页",
  next: "继续",
  recents: "最近项目",
  selectMultiple: "多选",
  thumbnail: (kind, selected, when) =>
    typeof selected === "number" && selected > 0
      ? `已选第 ${selected} 个${kind === "Video" ? "视频" : "照片"}缩略图，创建于 ${when}`
      : `${selected === true ? "已选" : "未选"}${kind === "Video" ? "视频" : "照片"}缩略图，创建于 ${when}`,
  tabs: { POST: "帖子", STORY: "快拍", REEL: "REELS" },
  captionHint: { old: "撰写说明…", new: "添加说明和话题标签…" },
  storyCaption: "添加说明…",
  share: "分享",
  saveDraft: "存草稿",
  // AOSP's own zh-CN "OK" (android:string/ok).
  ok: "确定",
  yourStory: "你的快拍",
  closeFriends: "密友",
  sharingToReels: "正在分享到 Reels…",
  donePosting: "发布完成。要直接发给好友吗？",
  postingTo: (user) => `正在发布到 ${user}…`,
  posted: "发布成功！",
  cannotPost: "无法发布视频",
  posts: "帖子",
  addAccount: "添加账户",
  reuseTitle: "再创作的新方式",
  loadError: "无法加载媒体",
  tagPeople: "标记用户",
  addLocation: "添加位置",
  renameAudio: "重命名音频",
  originalAudio: "原创音频",
  addAudio: "添加音频",
  addAiLabel: "添加 AI 标签",
  aiLabelSubtitle: "部分使用 AI 制作的逼真内容需要添加标签。了解详情",
  audience: "受众",
  everyone: "所有人",
  alsoShareOn: "同时分享到…",
};

export function instagramStrings(locale: Locale): InstagramStrings {
  return locale === "zh-CN" ? ZH : EN;
}
