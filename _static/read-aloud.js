// The 「読み上げ」 player (issue 11): reads the page aloud from its MP3, highlighting the
// sentence being read. Timings come from audio/<edition>/<page>.json (tools/publish/audio):
// each sentence's id is a <span class="speech-s"> of this page. The player stays hidden
// when there is no audio for the page or no JavaScript; nothing plays until the reader
// presses the button. No inline script: the markup is _templates/partials/read-aloud.html.
(() => {
  "use strict";

  const CURRENT = "speech-current";
  const SPEED_KEY = "read-aloud-speed";
  // Going back within this many seconds of a paragraph's start goes to the one before.
  const RESTART_WINDOW = 1.5;

  function remembered(key) {
    try {
      return localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  function remember(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (error) {
      // Storage may be disabled; the choice then lasts for this page only.
    }
  }

  function reducedMotion() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function inView(element) {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }

  async function loadTimings(url) {
    const response = await fetch(url);
    if (!response.ok) return null;
    const timings = await response.json();
    return { timings, base: response.url };
  }

  class Player {
    constructor(root, timings, base) {
      this.root = root;
      this.sentences = timings.sentences
        .map((s) => ({ ...s, element: document.getElementById(s.id) }))
        .filter((s) => s.element);
      this.audio = new Audio();
      this.audio.preload = "none";
      this.audio.src = new URL(timings.audio, base).href;
      this.current = -1;
      this.frame = 0;
      this.playButton = root.querySelector("[data-read-aloud-play]");
      this.status = root.querySelector("[data-read-aloud-status]");
      this.speed = root.querySelector("[data-read-aloud-speed]");
    }

    start() {
      this.playButton.addEventListener("click", () => this.toggle());
      this.root.querySelector("[data-read-aloud-prev]")
        .addEventListener("click", () => this.seekParagraph(-1));
      this.root.querySelector("[data-read-aloud-next]")
        .addEventListener("click", () => this.seekParagraph(1));
      const speeds = [...this.speed.options].map((option) => option.value);
      const saved = remembered(SPEED_KEY);
      if (speeds.includes(saved)) this.speed.value = saved;
      this.speed.addEventListener("change", () => {
        this.audio.playbackRate = Number(this.speed.value);
        remember(SPEED_KEY, this.speed.value);
      });
      this.audio.addEventListener("play", () => this.showState());
      this.audio.addEventListener("pause", () => this.showState());
      this.audio.addEventListener("ended", () => this.finish());
      this.audio.addEventListener("timeupdate", () => this.follow());
      this.audio.addEventListener("seeked", () => this.follow());
      this.audio.addEventListener("error", () => this.fail());
      this.root.hidden = false;
    }

    toggle() {
      if (this.audio.paused) {
        this.status.textContent = "";
        this.audio.playbackRate = Number(this.speed.value);
        this.audio.play().catch(() => this.fail());
      } else {
        this.audio.pause();
      }
    }

    showState() {
      const playing = !this.audio.paused;
      const started = playing || this.audio.currentTime > 0;
      const label = playing ? "labelPause" : started ? "labelResume" : "labelPlay";
      this.playButton.querySelector(".read-aloud-label").textContent =
        this.playButton.dataset[label];
      this.root.classList.toggle("is-playing", playing);
      cancelAnimationFrame(this.frame);
      if (playing) this.tick();
    }

    tick() {
      this.follow();
      this.frame = requestAnimationFrame(() => this.tick());
    }

    indexAt(time) {
      let found = -1;
      for (let i = 0; i < this.sentences.length; i += 1) {
        if (this.sentences[i].begin <= time) found = i;
        else break;
      }
      return found;
    }

    follow() {
      this.highlight(this.indexAt(this.audio.currentTime));
    }

    highlight(index) {
      if (index === this.current) return;
      if (this.current >= 0) this.sentences[this.current].element.classList.remove(CURRENT);
      this.current = index;
      if (index < 0) return;
      const { element } = this.sentences[index];
      element.classList.add(CURRENT);
      if (!inView(element)) {
        element.scrollIntoView({ block: "center", behavior: reducedMotion() ? "auto" : "smooth" });
      }
    }

    seekParagraph(step) {
      const here = Math.max(this.current, 0);
      const block = this.sentences[here]?.block ?? 0;
      const starts = [];
      this.sentences.forEach((s, i) => {
        if (i === 0 || s.block !== this.sentences[i - 1].block) starts.push(i);
      });
      let target;
      if (step > 0) {
        target = starts.find((i) => this.sentences[i].block > block);
        if (target === undefined) return;
      } else {
        const own = starts.filter((i) => this.sentences[i].block <= block).pop() ?? 0;
        const intoIt = this.audio.currentTime - this.sentences[own].begin;
        const before = starts.filter((i) => this.sentences[i].block < block).pop();
        target = intoIt > RESTART_WINDOW || before === undefined ? own : before;
      }
      this.audio.currentTime = this.sentences[target].begin;
      this.highlight(target);
      this.showState();
    }

    finish() {
      this.highlight(-1);
      this.audio.currentTime = 0;
      this.showState();
    }

    fail() {
      this.status.textContent = this.status.dataset.labelError;
      this.showState();
    }
  }

  async function setUp(root) {
    // A page read from disk cannot fetch its timings: no request bound to fail.
    if (!window.fetch || window.location.protocol === "file:") return false;
    let loaded = null;
    try {
      loaded = await loadTimings(root.dataset.src);
    } catch (error) {
      return false; // no audio for this page
    }
    if (!loaded || !Array.isArray(loaded.timings.sentences)) return false;
    const player = new Player(root, loaded.timings, loaded.base);
    if (!player.sentences.length) return false;
    player.start();
    return true;
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const root = document.querySelector("[data-read-aloud]");
    if (!root) return;
    // Without audio the player stays hidden and gives back the place kept for it.
    if (!(await setUp(root))) root.dataset.readAloud = "none";
  });
})();
