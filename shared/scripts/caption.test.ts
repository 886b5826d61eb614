import { describe, expect, test } from "vitest";
import { captionTemplate, renderCaption } from "./caption";

/** A `random` that returns the given values in turn, so each spin is chosen by the test. */
function sequence(...values: number[]): () => number {
  let next = 0;
  return () => {
    const value = values[next];
    next += 1;
    if (value === undefined) throw new Error(`random called ${next} times, only ${values.length} values given`);
    return value;
  };
}

const first = () => 0;
const last = () => 0.999_999;

describe("spintax", () => {
  test("picks one option of a group, chosen uniformly by random", () => {
    expect(renderCaption("{a|b|c}", "instagram", sequence(0)).description).toBe("a");
    expect(renderCaption("{a|b|c}", "instagram", sequence(0.34)).description).toBe("b");
    expect(renderCaption("{a|b|c}", "instagram", sequence(0.67)).description).toBe("c");
  });

  test("every option comes up about equally often with Math.random", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i += 1) {
      const { description } = renderCaption("{a|b|c}", "instagram");
      counts.set(description, (counts.get(description) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["a", "b", "c"]);
    for (const count of counts.values()) expect(count).toBeGreaterThan(800);
  });

  test("keeps the text around a group and spins several groups in reading order", () => {
    expect(renderCaption("Hi {there|you}, {good|nice} {day|night}!", "instagram", sequence(0.9, 0, 0.5)).description).toBe("Hi you, good night!");
  });

  test("nested groups spin only inside the chosen option", () => {
    expect(renderCaption("{a|{b|c}}", "instagram", sequence(0.9, 0.9)).description).toBe("c");
    expect(renderCaption("{a|{b|c}}", "instagram", sequence(0)).description).toBe("a");
  });

  test("an empty option is allowed and gives nothing", () => {
    expect(renderCaption("go{!|}", "instagram", sequence(0.9)).description).toBe("go");
    expect(renderCaption("go{!|}", "instagram", sequence(0)).description).toBe("go!");
  });

  test("unbalanced braces are literal text and never throw", () => {
    expect(renderCaption("5 { 6", "instagram", first).description).toBe("5 { 6");
    expect(renderCaption("smile :} ok", "instagram", first).description).toBe("smile :} ok");
    expect(renderCaption("{a|b", "instagram", first).description).toBe("{a|b");
    expect(renderCaption("{a|{b|c}", "instagram", first).description).toBe("{a|b");
    expect(renderCaption("{a|{b|c", "instagram", first).description).toBe("{a|{b|c");
    expect(renderCaption("{x {a|b} y", "instagram", last).description).toBe("{x b y");
    expect(renderCaption("}{a|b}{", "instagram", first).description).toBe("}a{");
    expect(renderCaption("a | b", "instagram", first).description).toBe("a | b");
  });

  test("braces without a | are literal, so codes in braces survive", () => {
    expect(renderCaption("use {SAVE10} today {}", "instagram", first).description).toBe("use {SAVE10} today {}");
    expect(renderCaption("{a|{b}}", "instagram", last).description).toBe("{b}");
  });

  test("thousands of unclosed braces neither throw nor take long", () => {
    const started = Date.now();
    expect(renderCaption("{".repeat(4000), "instagram", first).description).toBe("{".repeat(4000));
    expect(renderCaption("{a|".repeat(1300), "instagram", first).description).toBe("{a|".repeat(1300).trim());
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("a random outside [0, 1) is clamped to the first or last option", () => {
    expect(renderCaption("{a|b}", "instagram", () => 1).description).toBe("b");
    expect(renderCaption("{a|b}", "instagram", () => -1).description).toBe("a");
    expect(renderCaption("{a|b}", "instagram", () => Number.NaN).description).toBe("a");
  });
});

describe("line breaks", () => {
  test("### is a line break, also inside a spintax option", () => {
    expect(renderCaption("one###two", "instagram", first).description).toBe("one\ntwo");
    expect(renderCaption("{a###b|c}", "instagram", first).description).toBe("a\nb");
  });

  test("a run of four #s is a line break then a #", () => {
    expect(renderCaption("a####tag", "instagram", first).description).toBe("a\n#tag");
  });
});

describe("TikTok title and description", () => {
  test("the first ## splits the title from the description, both trimmed", () => {
    expect(renderCaption(" My title ## the description #fyp ", "tiktok", first)).toEqual({ title: "My title", description: "the description #fyp" });
  });

  test("only the first ## splits; later ones stay in the description", () => {
    expect(renderCaption("T##D ## more", "tiktok", first)).toEqual({ title: "T", description: "D ## more" });
  });

  test("### is a line break, not a split", () => {
    expect(renderCaption("line one###line two", "tiktok", first)).toEqual({ title: "", description: "line one\nline two" });
    expect(renderCaption("T###x##D", "tiktok", first)).toEqual({ title: "T\nx", description: "D" });
  });

  test("five #s are a line break then the split", () => {
    expect(renderCaption("T#####D", "tiktok", first)).toEqual({ title: "T", description: "D" });
  });

  test("without ## the title is empty", () => {
    expect(renderCaption("just a caption #fun", "tiktok", first)).toEqual({ title: "", description: "just a caption #fun" });
  });

  test("each side is spun on its own", () => {
    expect(renderCaption("{a|b}##{c|d}", "tiktok", sequence(0.9, 0))).toEqual({ title: "b", description: "c" });
  });

  test("a ## inside a spintax group is literal and cannot move the split", () => {
    expect(renderCaption("{x##y|z}", "tiktok", first)).toEqual({ title: "", description: "x##y" });
    expect(renderCaption("{x##y|z} T##D", "tiktok", first)).toEqual({ title: "x##y T", description: "D" });
  });

  test("an empty title or description is allowed", () => {
    expect(renderCaption("##only description", "tiktok", first)).toEqual({ title: "", description: "only description" });
    expect(renderCaption("only title##", "tiktok", first)).toEqual({ title: "only title", description: "" });
  });
});

describe("Instagram captions", () => {
  test("## stays literal and the title is always empty", () => {
    expect(renderCaption("T##D ##fun", "instagram", first)).toEqual({ title: "", description: "T##D ##fun" });
  });

  test("an empty template is an empty caption", () => {
    expect(renderCaption("", "instagram", first)).toEqual({ title: "", description: "" });
    expect(renderCaption("", "tiktok", first)).toEqual({ title: "", description: "" });
  });
});

describe("caption_format", () => {
  const captions = "First one###with a break\n\nSecond {a|b}\r\nThird##Desc\n";

  test("multiline gives the k-th task of a create the k-th line, looping, blank lines not counted", () => {
    expect([0, 1, 2, 3, 4].map((k) => captionTemplate(captions, "multiline", k))).toEqual([
      "First one###with a break",
      "Second {a|b}",
      "Third##Desc",
      "First one###with a break",
      "Second {a|b}",
    ]);
    // The line is then spun, broken at ### and split at ## like any template.
    expect(renderCaption(captionTemplate(captions, "multiline", 0), "tiktok", first).description).toBe("First one\nwith a break");
    expect(renderCaption(captionTemplate(captions, "multiline", 5), "tiktok", first)).toEqual({ title: "Third", description: "Desc" });
  });

  test("spintax takes the whole text as one template, its line breaks kept", () => {
    const template = captionTemplate("Hello {a|b}\nsecond line", "spintax", 7);
    expect(renderCaption(template, "instagram", last).description).toBe("Hello b\nsecond line");
  });

  test("no lines at all is an empty caption", () => {
    expect(captionTemplate("", "multiline", 3)).toBe("");
    expect(captionTemplate(" \n\t\n", "multiline", 0)).toBe("");
  });
});
