import type { Locale } from "../../system/device-profile.js";
import { SOCIAL_EN, SOCIAL_ZH, type TikTokSocialStrings } from "./tiktok-social-strings.js";

// TikTok's texts. English ones are those public scripts match on (EDDE = edde746/
// tiktok-uploader, AICC = JonathanLStoff/AIClipCreator, TAKT, GEEL; see the README's
// "Facts"), or TikTok 43.7.3's own strings.xml (APK: "Use this sound", "Add to Favorites",
// "%s videos", "Recent", "Favorites", "Added sound", "No results found"…). Texts no source
// quotes are marked "model's own" below. No public source records TikTok's own Chinese UI,
// so the Chinese set is this model's own rendering, kept apart from anything the agent's
// screen data says: the agent has to post on it by what does not change with the language.

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
  // The sound pill, the sounds sheet and its Volume panel.
  music: string;
  sheetForYou: string;
  favorites: string;
  recent: string;
  volume: string;
  searchHint: string;
  searchButton: string;
  noResults: string;
  favoritesEmpty: string;
  originalSound: string;
  addedSound: string;
  done: string;
  // The feed's search and a sound's page.
  clearSearch: string;
  resultTabs: { top: string; users: string; videos: string; photos: string; shop: string; sounds: string; hashtags: string };
  useSound: string;
  addToFavorites: string;
  addedToFavorites: string;
  videosCount: (count: string) => string;
  soundUnavailable: string;
  // The post screen's rows, More options and its AI pop-up, Add link and the showcase.
  addLinkLabel: string;
  addLink: string;
  add: string;
  public: string;
  settings: string;
  moreInfo: string;
  moreOptionsSubtitles: readonly [string, string];
  shareTo: string;
  allowComments: string;
  allowReuse: string;
  allowReuseSubtitle: string;
  saveToDevice: string;
  highQuality: string;
  highQualitySubtitle: string;
  disclose: string;
  discloseSubtitle: string;
  aiGenerated: string;
  aiGeneratedSubtitle: string;
  aiDialogTitle: string;
  aiDialogMessage: string;
  turnOn: string;
  products: string;
  leadGeneration: string;
  showcase: string;
  productName: string;
  productNameHint: string;
  confirm: string;
  /** Another user's profile, the video page, comments, the account states (tiktok-social-strings.ts). */
  social: TikTokSocialStrings;
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
  music: "Music",
  // The tabs: APK "Recent" (j0z) and "Favorites" (kd5); "For you" is the model's own.
  sheetForYou: "For you",
  favorites: "Favorites",
  recent: "Recent",
  volume: "Volume",
  searchHint: "Search",
  searchButton: "Search",
  noResults: "No results found",
  favoritesEmpty: "Your favorite sounds will appear here",
  // "Added sound" is APK d7a; "Original sound" the model's own.
  originalSound: "Original sound",
  addedSound: "Added sound",
  done: "Done",
  clearSearch: "Clear search field",
  resultTabs: { top: "Top", users: "Users", videos: "Videos", photos: "Photos", shop: "Shop", sounds: "Sounds", hashtags: "Hashtags" },
  useSound: "Use this sound",
  addToFavorites: "Add to Favorites",
  addedToFavorites: "Added to Favorites",
  videosCount: (count) => `${count} videos`,
  // The model's own.
  soundUnavailable: "This sound isn't available",
  // GEEL-TT 2025-12-26: the label has a trailing space, the row's desc none.
  addLinkLabel: "Add link ",
  addLink: "Add link",
  add: "Add",
  public: "Public",
  settings: "Settings",
  moreInfo: "More info",
  moreOptionsSubtitles: ["Privacy and more settings have been moved here.", "Manage upload quality"],
  shareTo: "Share to",
  // More options: "Allow high-quality uploads" and "AI-generated content" from help pages and
  // press (2023, 2026); the other rows, every subtitle and the pop-up are the model's own.
  allowComments: "Allow comments",
  allowReuse: "Allow reuse of content",
  allowReuseSubtitle: "Duet, Stitch, stickers, and add to Story",
  saveToDevice: "Save to device",
  highQuality: "Allow high-quality uploads",
  highQualitySubtitle: "Higher quality uploads may take longer",
  disclose: "Disclose post content",
  discloseSubtitle: "Let others know this post promotes a brand, product or service",
  aiGenerated: "AI-generated content",
  aiGeneratedSubtitle: "Label this content to help prevent it from being removed",
  aiDialogTitle: "Label AI-generated content",
  aiDialogMessage: "Label content that was generated or significantly edited with AI. TikTok may remove AI-generated content that isn't labeled.",
  turnOn: "Turn on",
  // Add link: "Products" after Seller University (2023); the rest the model's own.
  products: "Products",
  leadGeneration: "Lead generation",
  showcase: "Showcase",
  productName: "Product name",
  productNameHint: "Enter a product name",
  confirm: "Confirm",
  social: SOCIAL_EN,
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
  music: "音乐",
  sheetForYou: "推荐",
  favorites: "收藏",
  recent: "最近",
  volume: "音量",
  searchHint: "搜索",
  searchButton: "搜索",
  noResults: "无搜索结果",
  favoritesEmpty: "你收藏的声音会显示在这里",
  originalSound: "原声",
  addedSound: "添加的声音",
  done: "完成",
  clearSearch: "清除搜索内容",
  resultTabs: { top: "综合", users: "用户", videos: "视频", photos: "照片", shop: "商城", sounds: "声音", hashtags: "话题" },
  useSound: "使用这个声音",
  addToFavorites: "添加到收藏",
  addedToFavorites: "已添加到收藏",
  videosCount: (count) => `${count} 个视频`,
  soundUnavailable: "这个声音无法使用",
  addLinkLabel: "添加链接 ",
  addLink: "添加链接",
  add: "添加",
  public: "公开",
  settings: "设置",
  moreInfo: "更多信息",
  moreOptionsSubtitles: ["隐私和更多设置已移至此处。", "管理上传画质"],
  shareTo: "分享到",
  allowComments: "允许评论",
  allowReuse: "允许二次创作",
  allowReuseSubtitle: "合拍、拼接、贴纸和添加到日常",
  saveToDevice: "保存到设备",
  highQuality: "允许上传高画质",
  highQualitySubtitle: "高画质上传可能需要更长时间",
  disclose: "披露作品内容",
  discloseSubtitle: "告诉其他人这条作品在推广品牌、商品或服务",
  aiGenerated: "AI 生成的内容",
  aiGeneratedSubtitle: "为这条内容添加标签，以免被移除",
  aiDialogTitle: "为 AI 生成的内容添加标签",
  aiDialogMessage: "请为完全由 AI 生成或经 AI 大幅编辑的内容添加标签。未添加标签的 AI 生成内容可能会被 TikTok 移除。",
  turnOn: "开启",
  products: "商品",
  leadGeneration: "获取潜在客户",
  showcase: "橱窗",
  productName: "商品名称",
  productNameHint: "输入商品名称",
  confirm: "确认",
  social: SOCIAL_ZH,
};

export function tiktokStrings(locale: Locale): TikTokStrings {
  return locale === "zh-CN" ? ZH : EN;
}
