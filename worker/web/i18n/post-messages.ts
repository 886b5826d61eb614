/** The new-post page's texts (messages.ts holds them as `post`). */
export interface PostMessages {
  title: string;
  targetLegend: string;
  targetPhones: string;
  targetAccounts: string;
  targetTag: string;
  phonesHint: (platform: string) => string;
  multiAccount: string;
  accountsHint: string;
  noAccounts: string;
  tagLabel: string;
  tagOption: (tag: string, count: number) => string;
  noTags: string;
  mediaLegend: string;
  contentType: string;
  video: string;
  images: string;
  imageCount: string;
  mediaPick: string;
  mediaChosen: string;
  pickTags: string;
  pickTagsHint: string;
  chosenHint: string;
  noMaterials: string;
  uploadHere: string;
  captionLegend: string;
  captions: string;
  captionsHint: string;
  formatMultiline: string;
  formatSpintax: string;
  preview: string;
  previewPost: (n: number) => string;
  previewTitle: string;
  previewDescription: string;
  previewInstagram: string;
  previewEmpty: string;
  soundLegend: string;
  postWay: string;
  postWays: { share: string; addButton: string; useSound: string };
  soundName: string;
  addSound: string;
  addSounds: { "-1": string; "0": string; "1": string; custom: string };
  customKeyword: string;
  originVolume: string;
  addVolume: string;
  placement: string;
  placements: { reel: string; story: string };
  aiLabel: string;
  scheduleLegend: string;
  startTime: string;
  startTimeHint: (zone: string) => string;
  minInterval: string;
  maxInterval: string;
  intervalHint: string;
  create: string;
  created: (n: number) => string;
  pickPhones: string;
  pickAccounts: string;
  tagEmpty: (tag: string) => string;
  pickFiles: string;
}

export const POST_EN: PostMessages = {
  title: "New post",
  targetLegend: "Post to",
  targetPhones: "Phones",
  targetAccounts: "Accounts",
  targetTag: "Accounts with a tag",
  phonesHint: (platform) => `A phone posts to the workspace's default platform (${platform}) with the account it has open.`,
  multiAccount: "Every account on each phone (TikMatrix's multi-account)",
  accountsHint: "Each account posts on the phone it is bound to; a name on both platforms posts on both.",
  noAccounts: "No accounts yet: add them on the Accounts page.",
  tagLabel: "Tag",
  tagOption: (tag, count) => `#${tag} (${count === 1 ? "1 account" : `${count} accounts`})`,
  noTags: "No account has a tag yet.",
  mediaLegend: "Media",
  contentType: "Content",
  video: "A video",
  images: "Images (a photo post)",
  imageCount: "Images per post",
  mediaPick: "From the library: a different unused file for each post",
  mediaChosen: "These files, on every post",
  pickTags: "Only files with these tags (optional)",
  pickTagsHint: "Comma-separated; empty: any unused file of the kind.",
  chosenHint: "The newest unused files; upload more below, they are added here.",
  noMaterials: "The library has no unused files.",
  uploadHere: "Upload from this device",
  captionLegend: "Caption",
  captions: "Captions",
  captionsHint: "One line per post, in turn; {a|b} picks one; ### is a line break; on TikTok the text before ## is the title.",
  formatMultiline: "One line per post",
  formatSpintax: "One template for every post",
  preview: "Preview on TikTok",
  previewPost: (n) => `Post ${n}`,
  previewTitle: "Title",
  previewDescription: "Description",
  previewInstagram: "On Instagram the title and the description are one caption.",
  previewEmpty: "No caption.",
  soundLegend: "How it posts",
  postWay: "Post way",
  postWays: { share: "Share the file into the app", addButton: "The app's + button", useSound: "Use a sound's page (TikTok)" },
  soundName: "Sound's name or TikTok link",
  addSound: "Sound",
  addSounds: { "-1": "The app's choice", "0": "No sound", "1": "A recommended sound", custom: "A sound found by name" },
  customKeyword: "Sound to search for",
  originVolume: "Original sound volume (%)",
  addVolume: "Added sound volume (%)",
  placement: "Instagram placement",
  placements: { reel: "Reel", story: "Story" },
  aiLabel: "Label as AI-generated",
  scheduleLegend: "When",
  startTime: "Start",
  startTimeHint: (zone) => `In the workspace's time zone, ${zone}. Empty: now.`,
  minInterval: "Minutes between posts, at least",
  maxInterval: "at most",
  intervalHint: "Each phone waits a random time in this range between its posts.",
  create: "Create the posts",
  created: (n) => (n === 1 ? "1 post created." : `${n} posts created.`),
  pickPhones: "Choose at least one phone.",
  pickAccounts: "Choose at least one account.",
  tagEmpty: (tag) => `No enabled account bound to a phone has the tag #${tag}.`,
  pickFiles: "Choose at least one file, or let the library pick.",
};

export const POST_ZH: PostMessages = {
  title: "发布",
  targetLegend: "发布到",
  targetPhones: "手机",
  targetAccounts: "账号",
  targetTag: "带标签的账号",
  phonesHint: (platform) => `手机使用其当前打开的账号，发布到工作区的默认平台（${platform}）。`,
  multiAccount: "每台手机上的所有账号（TikMatrix 的多账号）",
  accountsHint: "每个账号在其绑定的手机上发布；两个平台同名的账号都会发布。",
  noAccounts: "还没有账号：请在“账号”页面添加。",
  tagLabel: "标签",
  tagOption: (tag, count) => `#${tag}（${count} 个账号）`,
  noTags: "还没有账号带标签。",
  mediaLegend: "素材",
  contentType: "内容",
  video: "视频",
  images: "图片（图文）",
  imageCount: "每条的图片数",
  mediaPick: "从素材库：每条各取一个未使用的文件",
  mediaChosen: "以下文件，每条都用",
  pickTags: "仅限带这些标签的文件（可选）",
  pickTagsHint: "用逗号分隔；留空：该类型的任意未使用文件。",
  chosenHint: "最新的未使用文件；在下方上传更多，会加入这里。",
  noMaterials: "素材库中没有未使用的文件。",
  uploadHere: "从本设备上传",
  captionLegend: "文案",
  captions: "文案",
  captionsHint: "每条一行，依次使用；{a|b} 任选其一；### 表示换行；TikTok 上 ## 之前的文字是标题。",
  formatMultiline: "每条一行",
  formatSpintax: "所有帖子共用一个模板",
  preview: "TikTok 预览",
  previewPost: (n) => `第 ${n} 条`,
  previewTitle: "标题",
  previewDescription: "描述",
  previewInstagram: "在 Instagram 上，标题和描述合为一段文案。",
  previewEmpty: "无文案。",
  soundLegend: "发布方式",
  postWay: "发布方式",
  postWays: { share: "分享文件到应用", addButton: "应用的 + 按钮", useSound: "使用音乐页面（TikTok）" },
  soundName: "音乐名称或 TikTok 链接",
  addSound: "音乐",
  addSounds: { "-1": "由应用决定", "0": "无音乐", "1": "推荐的音乐", custom: "按名称搜索的音乐" },
  customKeyword: "要搜索的音乐",
  originVolume: "原声音量（%）",
  addVolume: "添加音乐的音量（%）",
  placement: "Instagram 发布位置",
  placements: { reel: "Reels", story: "快拍" },
  aiLabel: "标注为 AI 生成",
  scheduleLegend: "时间",
  startTime: "开始",
  startTimeHint: (zone) => `按工作区时区 ${zone}。留空：立即。`,
  minInterval: "每条之间至少间隔（分钟）",
  maxInterval: "至多",
  intervalHint: "每台手机在两条之间随机等待此范围内的时间。",
  create: "创建发布任务",
  created: (n) => `已创建 ${n} 条发布任务。`,
  pickPhones: "请至少选择一台手机。",
  pickAccounts: "请至少选择一个账号。",
  tagEmpty: (tag) => `没有已启用且绑定手机的账号带有标签 #${tag}。`,
  pickFiles: "请至少选择一个文件，或让素材库自动选取。",
};
