import type { Locale } from "../../system/device-profile.js";

// TikTok's texts. English ones are those public scripts match on (EDDE = edde746/
// tiktok-uploader, AICC = JonathanLStoff/AIClipCreator, TAKT, GEEL; see the README's
// "Facts"). No public source records TikTok's own Chinese UI, so the Chinese set is this
// model's own rendering, kept apart from anything the agent's screen data says: the agent
// has to post on it by what does not change with the language.

export interface TikTokStrings {
  home: string;
  friends: string;
  create: string;
  inbox: string;
  profile: string;
  forYou: string;
  following: string;
  search: string;
  like: string;
  comments: string;
  upload: string;
  record: string;
  close: string;
  addSound: string;
  recents: string;
  all: string;
  videos: string;
  photos: string;
  selectMultiple: string;
  next: string;
  nextCount: (n: number) => string;
  allowAccess: string;
  allowAccessButton: string;
  titleHint: string;
  descriptionHint: { old: string; new: string };
  post: string;
  drafts: string;
  hashtags: string;
  mention: string;
  location: string;
  privacy: string;
  moreOptions: string;
  editCover: string;
  back: string;
  publishTitle: string;
  publishNow: string;
  cancel: string;
  uploadFailed: string;
  retry: string;
  editProfile: string;
  profileMenu: string;
  followers: string;
  likes: string;
  switchAccount: string;
  addAccount: string;
  couldNotLoad: string;
}

const EN: TikTokStrings = {
  home: "Home",
  friends: "Friends",
  create: "Create",
  inbox: "Inbox",
  profile: "Profile",
  forYou: "For You",
  following: "Following",
  search: "Search",
  like: "Like video",
  comments: "Read or add comments",
  upload: "Upload",
  record: "Record video",
  close: "Close",
  addSound: "Add sound",
  recents: "Recents",
  all: "All",
  videos: "Videos",
  photos: "Photos",
  selectMultiple: "Select multiple",
  next: "Next",
  nextCount: (n) => `Next (${n})`,
  allowAccess: "Allow access to your photos and videos",
  allowAccessButton: "Allow access",
  titleHint: "Add a catchy title",
  descriptionHint: { old: "Add description...", new: "Add a description" },
  post: "Post",
  drafts: "Drafts",
  hashtags: "Hashtags",
  mention: "Mention",
  location: "Location",
  privacy: "Everyone can view this post",
  moreOptions: "More options",
  editCover: "Edit cover",
  back: "Back",
  publishTitle: "Publish video publicly?",
  publishNow: "Publish now",
  cancel: "Cancel",
  uploadFailed: "Couldn't upload. Your post was saved to drafts.",
  retry: "Retry",
  editProfile: "Edit profile",
  profileMenu: "Profile menu",
  followers: "Followers",
  likes: "Likes",
  switchAccount: "Switch account",
  addAccount: "Add account",
  couldNotLoad: "Couldn't load the file",
};

const ZH: TikTokStrings = {
  home: "首页",
  friends: "朋友",
  create: "创作",
  inbox: "收件箱",
  profile: "我",
  forYou: "推荐",
  following: "关注",
  search: "搜索",
  like: "点赞视频",
  comments: "查看或添加评论",
  upload: "相册",
  record: "录制视频",
  close: "关闭",
  addSound: "添加声音",
  recents: "最近项目",
  all: "全部",
  videos: "视频",
  photos: "照片",
  selectMultiple: "多选",
  next: "下一步",
  nextCount: (n) => `下一步(${n})`,
  allowAccess: "允许访问你的照片和视频",
  allowAccessButton: "允许访问",
  titleHint: "添加吸引眼球的标题",
  descriptionHint: { old: "添加描述...", new: "添加作品描述" },
  post: "发布",
  drafts: "草稿箱",
  hashtags: "话题",
  mention: "提及",
  location: "位置",
  privacy: "所有人都可以看",
  moreOptions: "更多选项",
  editCover: "编辑封面",
  back: "返回",
  publishTitle: "要公开发布视频吗？",
  publishNow: "立即发布",
  cancel: "取消",
  uploadFailed: "无法上传，作品已存入草稿箱。",
  retry: "重试",
  editProfile: "编辑主页",
  profileMenu: "主页菜单",
  followers: "粉丝",
  likes: "获赞",
  switchAccount: "切换账号",
  addAccount: "添加账号",
  couldNotLoad: "无法加载文件",
};

export function tiktokStrings(locale: Locale): TikTokStrings {
  return locale === "zh-CN" ? ZH : EN;
}
