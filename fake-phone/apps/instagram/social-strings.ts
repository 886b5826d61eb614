import type { Locale } from "../../system/device-profile.js";

// Instagram's texts for other people's profiles, posts, reels, comments, search and the
// account states. English as recorded (tikmatrix-scripts.md Part 3: GK dumps of December
// 2025, GA, TAKT, IGU); where no source records a text it is marked GUESS. No public source has
// Instagram's Android UI in Chinese: the short labels below are this model's own (as in
// strings.ts); the long account-state and action-block texts stay English on zh-CN, the harder
// case for a script that would match Chinese words.

export interface SocialStrings {
  back: string;
  options: string;
  follow: string;
  following: string;
  requested: string;
  /** The Follow button's desc: "Follow <Full Name>" (GK). */
  followDesc: (label: string, name: string) => string;
  message: string;
  posts: string;
  followers: string;
  followingCount: string;
  profileTabs: readonly [string, string, string, string];
  tile: (kind: "Photo" | "Reel", author: string, row: number, column: number) => string;
  privateTitle: string;
  privateSubtitle: string;
  suggestedForYou: string;
  seeAll: string;
  notAvailable: string;
  notAvailableSub: string;
  // The follow sheet (GA/IGU: follow_sheet_unfollow_row; the rest TAKT's French list in English: GUESS).
  closeFriends: string;
  favorites: string;
  mute: string;
  restrict: string;
  unfollow: string;
  unfollowTitle: (user: string) => string;
  unfollowBody: (user: string) => string;
  cancel: string;
  // Post and reel.
  postsTitle: string;
  like: string;
  comment: string;
  sendPost: string;
  addToSaved: string;
  moreActions: string;
  likes: (count: number) => string;
  likeNumber: (count: number) => string;
  commentNumber: (count: number) => string;
  viewAllComments: (count: number) => string;
  share: string;
  more: string;
  reels: string;
  sponsored: string;
  live: string;
  addComment: string;
  save: string;
  unsave: string;
  notInterested: string;
  report: string;
  // Comments.
  comments: string;
  commentHint: string;
  post: string;
  noComments: string;
  startConversation: string;
  justNow: string;
  reply: string;
  commentsLimited: string;
  // Search.
  searchHint: { meta: string; plain: string };
  resultTabs: readonly string[];
  noResults: string;
  // Account states.
  loginUser: string;
  loginPassword: string;
  logIn: string;
  forgotPassword: string;
  createAccount: string;
  captchaTitle: string;
  captchaBody: string;
  captchaHint: string;
  hearCode: string;
  newCode: string;
  next: string;
  disabledTitle: string;
  noAccess: (user: string) => string;
  disabledOn: (date: string) => string;
  disabledBody: string;
  noReview: string;
  logOut: string;
  suspendedTitle: (name: string) => string;
  suspendedDays: string;
  suspendedOn: (date: string) => string;
  suspendedBody: string;
  appeal: string;
  blockTitle: string;
  blockBody: string;
  tellUs: string;
  ok: string;
}

const EN: SocialStrings = {
  back: "Back",
  options: "Options",
  follow: "Follow",
  following: "Following",
  requested: "Requested",
  followDesc: (label, name) => `${label} ${name}`,
  message: "Message",
  posts: "posts",
  followers: "followers",
  followingCount: "following",
  profileTabs: ["Grid view", "Reels", "Reposted", "Photos of you"],
  tile: (kind, author, row, column) => `${kind} by ${author} at Row ${row}, Column ${column}`,
  privateTitle: "This account is private",
  privateSubtitle: "Follow this account to see their photos and videos.",
  suggestedForYou: "Suggested for you",
  seeAll: "See all",
  // GUESS: Instagram's web text; no dump of the app's missing page (tikmatrix-scripts.md "unknown" 7).
  notAvailable: "Sorry, this page isn't available.",
  notAvailableSub: "The link you followed may be broken, or the page may have been removed.",
  closeFriends: "Add to Close Friends list",
  favorites: "Add to favorites",
  mute: "Mute",
  restrict: "Restrict",
  unfollow: "Unfollow",
  // GUESS: the private account's confirm; only its ids (dialog_body, primary_button "Unfollow") are recorded.
  unfollowTitle: (user) => `Unfollow ${user}?`,
  unfollowBody: (user) => `If you change your mind, you'll have to request to follow ${user} again.`,
  cancel: "Cancel",
  postsTitle: "Posts",
  like: "Like",
  comment: "Comment",
  sendPost: "Send post",
  addToSaved: "Add to Saved",
  moreActions: "More actions for this post",
  likes: (count) => `${count.toLocaleString("en-US")} likes`,
  likeNumber: (count) => `Like number is${count}. View likes`,
  commentNumber: (count) => `Comment number is${count}. View comments`,
  viewAllComments: (count) => `View all ${count} comments`,
  share: "Share",
  more: "More",
  reels: "Reels",
  sponsored: "Sponsored",
  live: "LIVE",
  addComment: "Add comment\u2026",
  save: "Save",
  unsave: "Unsave",
  notInterested: "Not interested",
  report: "Report",
  comments: "Comments",
  commentHint: "Add a comment\u2026",
  post: "Post",
  noComments: "No comments yet",
  startConversation: "Start the conversation.",
  justNow: "now",
  reply: "Reply",
  commentsLimited: "Comments on this post have been limited.",
  searchHint: { meta: "Search with Meta AI", plain: "Search" },
  resultTabs: ["For you", "Accounts", "Audio", "Tags", "Places", "Reels"],
  noResults: "No results found",
  loginUser: "Username, email or mobile number",
  loginPassword: "Password",
  logIn: "Log in",
  forgotPassword: "Forgot password?",
  createAccount: "Create new account",
  captchaTitle: "Confirm you're human",
  captchaBody: "Enter the code from the image",
  captchaHint: "Code",
  hearCode: "Hear this code",
  newCode: "Get a new code",
  next: "Next",
  disabledTitle: "We disabled your account",
  noAccess: (user) => `You no longer have access to ${user}`,
  disabledOn: (date) => `Account disabled on ${date}`,
  disabledBody: "We reviewed your account and found that it still doesn't follow our Community Standards on account integrity.",
  noReview: "You cannot request another review of this decision.",
  logOut: "Log out",
  suspendedTitle: (name) => `We suspended your account, ${name}`,
  suspendedDays: "180 days left to appeal or we'll permanently disable your account",
  suspendedOn: (date) => `Suspended on ${date}`,
  suspendedBody: "Your account may be associated with another account that has gone against our rules.",
  appeal: "Appeal",
  blockTitle: "Try Again Later",
  blockBody: "We limit how often you can do certain things on Instagram to protect our community. Tell us if you think we made a mistake.",
  tellUs: "Tell us",
  ok: "OK",
};

const ZH: SocialStrings = {
  ...EN,
  back: "返回",
  options: "选项",
  follow: "关注",
  following: "已关注",
  requested: "已请求",
  followDesc: (label, name) => `${label}${name}`,
  message: "发消息",
  posts: "帖子",
  followers: "粉丝",
  followingCount: "关注",
  profileTabs: ["网格视图", "Reels", "转发", "有你的照片"],
  tile: (kind, author, row, column) => `${author}的${kind === "Reel" ? "Reels" : "照片"}，第 ${row} 行第 ${column} 列`,
  privateTitle: "这是私密账户",
  privateSubtitle: "关注此账户即可查看其照片和视频。",
  suggestedForYou: "为你推荐",
  seeAll: "查看全部",
  closeFriends: "添加到密友名单",
  favorites: "添加到特别关注",
  mute: "隐藏",
  restrict: "限制",
  unfollow: "取消关注",
  unfollowTitle: (user) => `要取消关注 ${user} 吗？`,
  cancel: "取消",
  postsTitle: "帖子",
  like: "赞",
  comment: "评论",
  sendPost: "发送帖子",
  addToSaved: "添加到收藏",
  moreActions: "此帖子的更多操作",
  likes: (count) => `${count} 次赞`,
  share: "分享",
  more: "更多",
  sponsored: "赞助内容",
  addComment: "添加评论\u2026",
  save: "收藏",
  unsave: "取消收藏",
  notInterested: "不感兴趣",
  report: "举报",
  comments: "评论",
  commentHint: "添加评论\u2026",
  post: "发布",
  noComments: "还没有评论",
  startConversation: "发起对话吧。",
  justNow: "刚刚",
  reply: "回复",
  searchHint: { meta: "使用 Meta AI 搜索", plain: "搜索" },
  resultTabs: ["为你推荐", "账户", "音频", "标签", "地点", "Reels"],
  noResults: "未找到结果",
  loginUser: "用户名、邮箱或手机号",
  loginPassword: "密码",
  logIn: "登录",
  forgotPassword: "忘记密码？",
  createAccount: "创建新账户",
  next: "继续",
  // AOSP's own zh-CN "OK" (android:string/ok), as strings.ts.
  ok: "确定",
};

export function socialStrings(locale: Locale): SocialStrings {
  return locale === "zh-CN" ? ZH : EN;
}
