/** What to tell a user without adb: how to install it on their system, and what runs meanwhile. */
export function installAdbMessage(simulate: boolean): string {
  const missing = simulate
    ? "adb (Android platform tools) is not on PATH, so no simulated phones and no agent are started:\nthe phones are attached through a private adb server."
    : "adb (Android platform tools) is not on PATH and no adb server answers on 127.0.0.1:5037,\nso no agent is started: it reaches the phones through the adb server.";
  return [
    "",
    missing,
    "The API keeps running. To drive phones, install the platform tools and run npm start again:",
    "    Debian/Ubuntu:  sudo apt-get install adb",
    "    macOS:          brew install android-platform-tools",
    "    Windows:        download Google's platform-tools zip from",
    "                    https://developer.android.com/tools/releases/platform-tools,",
    "                    unzip it and add the platform-tools folder to PATH",
    "",
  ].join("\n");
}
