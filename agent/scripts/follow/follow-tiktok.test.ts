import { TIKTOK_SOCIAL } from "../../testing/social-apps";
import { followSuite } from "./follow-suite";

followSuite(TIKTOK_SOCIAL);
