import { INSTAGRAM_SOCIAL } from "../../testing/social-apps";
import { warmupSuite } from "./warmup-suite";

warmupSuite(INSTAGRAM_SOCIAL);
