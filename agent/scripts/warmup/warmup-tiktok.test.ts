import { TIKTOK_SOCIAL } from "../../testing/social-apps";
import { warmupSuite } from "./warmup-suite";

warmupSuite(TIKTOK_SOCIAL);
