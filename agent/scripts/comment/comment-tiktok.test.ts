import { TIKTOK_SOCIAL } from "../../testing/social-apps";
import { commentSuite } from "./comment-suite";

commentSuite(TIKTOK_SOCIAL);
