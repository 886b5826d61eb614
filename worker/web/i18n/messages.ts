import { LIBRARY_EN, LIBRARY_ZH, type LibraryMessages } from "./library-messages";
import { POST_EN, POST_ZH, type PostMessages } from "./post-messages";

/**
 * The dashboard's texts in English and Chinese (TikMatrix's users write both). Every page
 * takes them from here, so a text missing in one language is a type error.
 */
export interface Messages {
  lang: "en" | "zh";
  appName: string;
  signIn: string;
  signInTitle: string;
  signInWithKey: string;
  apiKeyLabel: string;
  apiKeyHint: string;
  signInLinkTitle: string;
  signInLinkAsk: (workspace: string) => string;
  signInLinkSpent: string;
  wrongKey: string;
  sessionEnded: string;
  signedOut: string;
  signOut: string;
  signInAgain: string;
  csrfRefused: string;
  nav: { home: string; phones: string; tasks: string; post: string; library: string; accounts: string; settings: string };
  library: LibraryMessages;
  post: PostMessages;
  accountsTitle: string;
  noAccounts: string;
  platformFilter: string;
  onlyAttention: string;
  loggedIn: string;
  notLoggedIn: string;
  disabled: string;
  unbound: string;
  offline: string;
  needsPerson: (reason: string) => string;
  addAccount: string;
  accountTitle: (username: string) => string;
  usernameLabel: string;
  usernameHint: string;
  accountPlatformLabel: string;
  emailLabel: string;
  passwordLabel: string;
  passwordKeepHint: string;
  clearPassword: string;
  packageLabel: string;
  packageHint: string;
  tagsLabel: string;
  tagsHint: string;
  phoneLabel: string;
  noPhoneOption: string;
  statusLabel: string;
  enabledOption: string;
  disabledOption: string;
  createAccount: string;
  enableAccount: string;
  disableAccount: string;
  clearAttention: string;
  deleteAccount: string;
  deleteAccountAsk: (username: string) => string;
  cancel: string;
  deleted: string;
  accountGone: (id: string) => string;
  settingsTitle: string;
  workspaceSection: string;
  timezoneLabel: string;
  timezoneHint: string;
  platformLabel: string;
  retriesLabel: string;
  minBatteryLabel: string;
  maxTemperatureLabel: string;
  healthHint: string;
  retentionLabel: string;
  retentionHint: string;
  agentsSection: string;
  pairingCodeLabel: string;
  pairingHint: string;
  approveAgent: string;
  agentApproved: (name: string) => string;
  save: string;
  saved: string;
  keysSection: string;
  keyName: string;
  createKey: string;
  newKeyOnce: string;
  sessionsSection: string;
  thisSession: string;
  revoke: string;
  revoked: string;
  createdAt: (when: string) => string;
  lastUsed: (when: string) => string;
  neverUsed: string;
  tasksTitle: string;
  noTasks: string;
  filter: { status: string; phone: string; script: string; source: string; any: string; apply: string };
  statusName: readonly [string, string, string, string];
  more: string;
  selectTask: (id: number) => string;
  selected: string;
  action: { stop: string; retry: string; delete: string };
  bulkDone: (action: string, done: number, skipped: number) => string;
  taskTitle: (id: number) => string;
  taskFields: { script: string; phone: string; account: string; status: string; created: string; scheduled: string; started: string; finished: string; remark: string; failCode: string; retries: string; postUrl: string };
  logTitle: string;
  noLog: string;
  screenshotTitle: string;
  screenshotOf: (id: number) => string;
  taskGone: (id: number) => string;
  needsYou: string;
  allGood: string;
  phonesOffline: (n: number) => string;
  failedLastDay: (n: number) => string;
  accountsNeedAttention: (n: number) => string;
  today: string;
  counts: { running: string; queued: string; done: string; failed: string };
  phonesTitle: string;
  noPhones: string;
  online: string;
  busy: string;
  offlineSince: (when: string) => string;
  neverSeen: string;
  runningTask: (id: number, script: string) => string;
  lastScreenshot: (serial: string) => string;
  agent: string;
  stale: string;
  networkGone: string;
  updatedAt: (when: string) => string;
}

export const EN: Messages = {
  lang: "en",
  appName: "TikMatrix Edge",
  signIn: "Sign in",
  signInTitle: "Sign in to your studio",
  signInWithKey: "Sign in with an API key",
  apiKeyLabel: "API key",
  apiKeyHint: "A key of your workspace (tmk_…). Or open a sign-in link from `npm run admin -- create-login`.",
  signInLinkTitle: "Sign-in link",
  signInLinkAsk: (workspace) => `Sign in to ${workspace} on this device?`,
  signInLinkSpent: "This sign-in link was used already, or has expired. Ask for a new one.",
  wrongKey: "That key does not open any workspace.",
  sessionEnded: "Your session ended. Please sign in again.",
  signedOut: "Signed out.",
  signOut: "Sign out",
  signInAgain: "Sign in again: your session ended.",
  csrfRefused: "Refused: this form did not come from this dashboard.",
  nav: { home: "Home", phones: "Phones", tasks: "Tasks", post: "New post", library: "Library", accounts: "Accounts", settings: "Settings" },
  library: LIBRARY_EN,
  post: POST_EN,
  accountsTitle: "Accounts",
  noAccounts: "No accounts match.",
  platformFilter: "Platform",
  onlyAttention: "Only those that need a person",
  loggedIn: "logged in",
  notLoggedIn: "not logged in",
  disabled: "disabled",
  unbound: "no phone",
  offline: "offline",
  needsPerson: (reason) => `Needs a person: ${reason}`,
  addAccount: "Add an account",
  accountTitle: (username) => `@${username}`,
  usernameLabel: "Username",
  usernameHint: "As the app shows it; a leading @ is dropped.",
  accountPlatformLabel: "Platform",
  emailLabel: "Email (optional)",
  passwordLabel: "Password (optional)",
  passwordKeepHint: "Leave it empty to keep the stored password.",
  clearPassword: "Remove the stored password",
  packageLabel: "App package (optional)",
  packageHint: "Empty: the platform app's own package. Fill it in for an account in a cloned app.",
  tagsLabel: "Tags",
  tagsHint: "Separated by commas.",
  phoneLabel: "Phone",
  noPhoneOption: "None",
  statusLabel: "Status",
  enabledOption: "Enabled",
  disabledOption: "Disabled",
  createAccount: "Add the account",
  enableAccount: "Enable",
  disableAccount: "Disable",
  clearAttention: "Handled: clear the mark",
  deleteAccount: "Delete this account",
  deleteAccountAsk: (username) => `Delete @${username}? Its tags go with it; its phone stays. This cannot be undone.`,
  cancel: "Cancel",
  deleted: "Deleted.",
  accountGone: (id) => `Account ${id} is not in this workspace (any more).`,
  settingsTitle: "Settings",
  workspaceSection: "Workspace",
  timezoneLabel: "Time zone",
  timezoneHint: "An IANA zone, e.g. Asia/Shanghai: start times and the dashboard's times are in it.",
  platformLabel: "Default platform",
  retriesLabel: "Retries of a failed task",
  minBatteryLabel: "Lowest battery level for a new task (%)",
  maxTemperatureLabel: "Hottest battery for a new task (°C)",
  healthHint: "A phone below the level or above the temperature starts no new task until it recovers; 0 % turns the battery check off.",
  retentionLabel: "Days to keep finished tasks in the task list",
  retentionHint: "Older finished tasks and their logs move to the history archive every hour; GET /api/v1/task/export still returns them.",
  agentsSection: "Connect an agent",
  pairingCodeLabel: "The code the agent shows",
  pairingHint: "On the studio PC run `tikmatrix-agent pair`: it shows a code like ABCD-1234 for 10 minutes. Enter it here and the agent gets its token by itself.",
  approveAgent: "Connect",
  agentApproved: (name) => `Approved: the agent on ${name} connects within seconds.`,
  save: "Save",
  saved: "Saved.",
  keysSection: "API keys",
  keyName: "Name of the new key",
  createKey: "Create a key",
  newKeyOnce: "The new key, shown this once (only its hash is stored): copy it now.",
  sessionsSection: "Signed-in browsers",
  thisSession: "this browser",
  revoke: "Revoke",
  revoked: "Revoked.",
  createdAt: (when) => `created ${when}`,
  lastUsed: (when) => `last used ${when}`,
  neverUsed: "never used",
  tasksTitle: "Tasks",
  noTasks: "No tasks match.",
  filter: { status: "Status", phone: "Phone", script: "Script", source: "Source", any: "Any", apply: "Filter" },
  statusName: ["Queued", "Running", "Done", "Failed"],
  more: "More tasks",
  selectTask: (id) => `Select task ${id}`,
  selected: "With the selected tasks:",
  action: { stop: "Stop", retry: "Retry", delete: "Delete" },
  bulkDone: (action, done, skipped) => `${action}: ${done} done${skipped > 0 ? `, ${skipped} left as they were` : ""}.`,
  taskTitle: (id) => `Task ${id}`,
  taskFields: { script: "Script", phone: "Phone", account: "Account", status: "Status", created: "Created", scheduled: "Due", started: "Started", finished: "Ended", remark: "Remark", failCode: "Failure", retries: "Retries", postUrl: "Post" },
  logTitle: "Log",
  noLog: "No log lines yet.",
  screenshotTitle: "Screenshot",
  screenshotOf: (id) => `The final screen of task ${id}`,
  taskGone: (id) => `Task ${id} is not in this workspace (any more).`,
  needsYou: "Needs you",
  allGood: "Nothing needs you right now.",
  phonesOffline: (n) => (n === 1 ? "1 phone offline" : `${n} phones offline`),
  failedLastDay: (n) => (n === 1 ? "1 task failed in the last 24 h" : `${n} tasks failed in the last 24 h`),
  accountsNeedAttention: (n) => (n === 1 ? "1 account needs a person" : `${n} accounts need a person`),
  today: "Today",
  counts: { running: "Running", queued: "Queued", done: "Done", failed: "Failed" },
  phonesTitle: "Phones",
  noPhones: "No phones yet: start an agent on a PC with phones.",
  online: "Online",
  busy: "Busy",
  offlineSince: (when) => `Offline since ${when}`,
  neverSeen: "Never connected",
  runningTask: (id, script) => `Task ${id}: ${script}`,
  lastScreenshot: (serial) => `Last screenshot of ${serial}`,
  agent: "Agent",
  stale: "These figures may be out of date.",
  networkGone: "No network: showing what was last loaded.",
  updatedAt: (when) => `Updated ${when}`,
};

export const ZH: Messages = {
  lang: "zh",
  appName: "TikMatrix Edge",
  signIn: "登录",
  signInTitle: "登录你的工作室",
  signInWithKey: "使用 API 密钥登录",
  apiKeyLabel: "API 密钥",
  apiKeyHint: "你的工作区的密钥（tmk_…）。或打开 `npm run admin -- create-login` 生成的登录链接。",
  signInLinkTitle: "登录链接",
  signInLinkAsk: (workspace) => `在此设备上登录 ${workspace}？`,
  signInLinkSpent: "此登录链接已被使用或已过期，请重新获取。",
  wrongKey: "此密钥无法打开任何工作区。",
  sessionEnded: "会话已结束，请重新登录。",
  signedOut: "已退出登录。",
  signOut: "退出登录",
  signInAgain: "请重新登录：会话已结束。",
  csrfRefused: "已拒绝：此表单并非来自本控制台。",
  nav: { home: "首页", phones: "手机", tasks: "任务", post: "发布", library: "素材库", accounts: "账号", settings: "设置" },
  library: LIBRARY_ZH,
  post: POST_ZH,
  accountsTitle: "账号",
  noAccounts: "没有符合条件的账号。",
  platformFilter: "平台",
  onlyAttention: "仅显示需要人工处理的",
  loggedIn: "已登录",
  notLoggedIn: "未登录",
  disabled: "已停用",
  unbound: "未绑定手机",
  offline: "离线",
  needsPerson: (reason) => `需要人工处理：${reason}`,
  addAccount: "添加账号",
  accountTitle: (username) => `@${username}`,
  usernameLabel: "用户名",
  usernameHint: "与应用中显示的一致；开头的 @ 会被去掉。",
  accountPlatformLabel: "平台",
  emailLabel: "邮箱（可选）",
  passwordLabel: "密码（可选）",
  passwordKeepHint: "留空则保留已保存的密码。",
  clearPassword: "删除已保存的密码",
  packageLabel: "应用包名（可选）",
  packageHint: "留空：使用平台应用自身的包名。账号在分身应用中时填写。",
  tagsLabel: "标签",
  tagsHint: "用逗号分隔。",
  phoneLabel: "手机",
  noPhoneOption: "无",
  statusLabel: "状态",
  enabledOption: "已启用",
  disabledOption: "已停用",
  createAccount: "添加此账号",
  enableAccount: "启用",
  disableAccount: "停用",
  clearAttention: "已处理：清除标记",
  deleteAccount: "删除此账号",
  deleteAccountAsk: (username) => `删除 @${username}？其标签一并删除，绑定的手机保留。此操作无法撤销。`,
  cancel: "取消",
  deleted: "已删除。",
  accountGone: (id) => `账号 ${id} 不在此工作区（或已删除）。`,
  settingsTitle: "设置",
  workspaceSection: "工作区",
  timezoneLabel: "时区",
  timezoneHint: "IANA 时区，例如 Asia/Shanghai：开始时间和控制台中的时间都按此时区。",
  platformLabel: "默认平台",
  retriesLabel: "失败任务的重试次数",
  minBatteryLabel: "开始新任务的最低电量（%）",
  maxTemperatureLabel: "开始新任务的最高电池温度（°C）",
  healthHint: "电量低于此值或温度高于此值的手机，在恢复前不开始新任务；0% 表示不检查电量。",
  retentionLabel: "已结束任务在任务列表中保留的天数",
  retentionHint: "更早的已结束任务及其日志每小时移入历史归档；GET /api/v1/task/export 仍可导出。",
  agentsSection: "连接代理程序",
  pairingCodeLabel: "代理程序显示的配对码",
  pairingHint: "在工作室电脑上运行 `tikmatrix-agent pair`：它会显示一个形如 ABCD-1234 的配对码，有效 10 分钟。在此输入后，代理程序会自动获得令牌。",
  approveAgent: "连接",
  agentApproved: (name) => `已批准：${name} 上的代理程序将在几秒内连接。`,
  save: "保存",
  saved: "已保存。",
  keysSection: "API 密钥",
  keyName: "新密钥的名称",
  createKey: "创建密钥",
  newKeyOnce: "新密钥仅显示这一次（只保存其哈希）：请立即复制。",
  sessionsSection: "已登录的浏览器",
  thisSession: "当前浏览器",
  revoke: "撤销",
  revoked: "已撤销。",
  createdAt: (when) => `创建于 ${when}`,
  lastUsed: (when) => `最近使用 ${when}`,
  neverUsed: "从未使用",
  tasksTitle: "任务",
  noTasks: "没有符合条件的任务。",
  filter: { status: "状态", phone: "手机", script: "脚本", source: "来源", any: "全部", apply: "筛选" },
  statusName: ["排队中", "运行中", "已完成", "失败"],
  more: "更多任务",
  selectTask: (id) => `选择任务 ${id}`,
  selected: "对所选任务：",
  action: { stop: "停止", retry: "重试", delete: "删除" },
  bulkDone: (action, done, skipped) => `${action}：完成 ${done} 个${skipped > 0 ? `，${skipped} 个保持不变` : ""}。`,
  taskTitle: (id) => `任务 ${id}`,
  taskFields: { script: "脚本", phone: "手机", account: "账号", status: "状态", created: "创建于", scheduled: "计划于", started: "开始于", finished: "结束于", remark: "备注", failCode: "失败原因", retries: "重试次数", postUrl: "帖子" },
  logTitle: "日志",
  noLog: "暂无日志。",
  screenshotTitle: "截图",
  screenshotOf: (id) => `任务 ${id} 的最终画面`,
  taskGone: (id) => `任务 ${id} 不在此工作区（或已删除）。`,
  needsYou: "需要处理",
  allGood: "目前没有需要处理的事项。",
  phonesOffline: (n) => `${n} 台手机离线`,
  failedLastDay: (n) => `过去 24 小时有 ${n} 个任务失败`,
  accountsNeedAttention: (n) => `${n} 个账号需要人工处理`,
  today: "今天",
  counts: { running: "运行中", queued: "排队中", done: "已完成", failed: "失败" },
  phonesTitle: "手机",
  noPhones: "还没有手机：请在连接手机的电脑上启动代理程序。",
  online: "在线",
  busy: "忙碌",
  offlineSince: (when) => `自 ${when} 起离线`,
  neverSeen: "从未连接",
  runningTask: (id, script) => `任务 ${id}：${script}`,
  lastScreenshot: (serial) => `${serial} 的最新截图`,
  agent: "代理",
  stale: "这些数据可能已过时。",
  networkGone: "无网络：显示的是上次加载的内容。",
  updatedAt: (when) => `更新于 ${when}`,
};

/** The browser's first language we have: Accept-Language's order and weights, English by default. */
export function messagesFor(acceptLanguage: string | undefined): Messages {
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? 1);
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.tag !== "" && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag.startsWith("zh")) return ZH;
    if (tag.startsWith("en")) return EN;
  }
  return EN;
}
