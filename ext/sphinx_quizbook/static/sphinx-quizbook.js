/* sphinx-quizbook self-check: data-* in, textContent out; quizzes work without it. */
"use strict";
(() => {
  const PREFIX = "sphinx-quizbook:";
  const ICONS = { "correct-choice": "\u2713", "wrong-choice": "\u2717", missed: "!", "left-out": "\u2713" };
  const script = document.currentScript;
  const revealAll = script.dataset.feedback === "all";

  // Our words, translated, ride on our <script> tag.
  const say = (name) => script.getAttribute("data-i18n-" + name) || name;
  // Storage (private mode) and Intl (a bad tag) may throw.
  const attempt = (action, otherwise) => {
    try {
      return action();
    } catch {
      return otherwise;
    }
  };
  const plurals = attempt(() => new Intl.PluralRules(script.dataset.lang), new Intl.PluralRules());
  const count = (name, n) =>
    (script.getAttribute(`data-i18n-${name}-${plurals.select(n)}`) || say(name + "-other")).replace("{n}", n);
  // The global is slow.
  const storage = attempt(() => localStorage);
  const load = (key) => attempt(() => JSON.parse(storage.getItem(PREFIX + key)));
  const save = (key, value) => attempt(() => storage.setItem(PREFIX + key, JSON.stringify(value)));

  const make = (tag, className, text = "", icon) => {
    const element = document.createElement(tag);
    element.className = className;
    element.textContent = text;
    if (icon) element.dataset.icon = icon;
    return element;
  };

  const isCorrect = (item) => item.dataset.correct === "true";
  const isExact = (q) => q.items.every((item, i) => isCorrect(item) === q.boxes[i].checked);

  function explanation(q, item) {
    const found = q.key?.querySelector(`:scope > .quiz-key > [data-index="${item.dataset.index}"] > .quiz-explanation`);
    if (!found) return "";
    // Copied without ids: ids stay unique.
    const copy = found.cloneNode(true);
    [copy, ...copy.querySelectorAll("[id]")].forEach((node) => node.removeAttribute("id"));
    return copy;
  }

  // An explanation only while the answer (which has it) is closed.
  function verdict(q, i, shown, explained) {
    const item = q.items[i];
    const box = q.boxes[i];
    q.feedback[i]?.remove();
    for (const kind in ICONS) item.classList.remove("quiz-" + kind);
    item.classList.toggle("quiz-chosen", box.checked);
    // The statement body's description stays.
    const ids = (q.described[i] + (shown ? ` ${box.id}-feedback` : "")).trim();
    if (ids) box.setAttribute("aria-describedby", ids);
    else box.removeAttribute("aria-describedby");
    if (!shown) return;
    const kind = isCorrect(item) ? (box.checked ? "correct-choice" : "missed") : box.checked ? "wrong-choice" : "left-out";
    const feedback = (q.feedback[i] = make("div", "quiz-feedback"));
    feedback.id = box.id + "-feedback";
    feedback.append(make("p", "quiz-result", say(kind), ICONS[kind]));
    if (explained) feedback.append(explanation(q, item));
    item.append(feedback);
    item.classList.add("quiz-" + kind);
  }

  function summary(q, exact) {
    if (exact) return say("solved");
    const tally = { right: 0, wrong: 0, missing: 0 };
    q.items.forEach((item, i) => {
      const chosen = q.boxes[i].checked;
      if (chosen || isCorrect(item)) tally[chosen ? (isCorrect(item) ? "right" : "wrong") : "missing"]++;
    });
    if (!tally.right && !tally.wrong) return say("empty");
    return Object.keys(tally)
      .filter((name) => tally[name])
      .map((name) => count(name, tally[name]))
      .join(" ");
  }

  // The whole quiz from its state: nothing stale stays.
  function render(q) {
    const exact = isExact(q);
    const all = q.seen || (q.checked && (revealAll || exact));
    const explained = !q.answer?.open;
    q.items.forEach((item, i) => verdict(q, i, all || (q.checked && q.boxes[i].checked), explained));
    q.quiz.classList.toggle("quiz-solved", q.checked && exact);
    q.reset.textContent = say(q.undo ? "undo" : "reset");
    const text = q.checked ? summary(q, exact) : q.undo ? say("cleared") : "";
    if (q.status.textContent !== text) q.status.textContent = text;
  }

  const state = (q) => ({
    chosen: q.boxes.filter((box) => box.checked).map((box) => +box.value),
    checked: !!q.checked,
    solved: !!q.solved,
    seen: !!q.seen,
  });
  const remember = (q) => save(q.quiz.getAttribute("data-quiz-key"), state(q));

  function onCheck(q) {
    q.checked = true;
    if (isExact(q) && !q.seen) q.solved = true;
    q.seen ||= revealAll;
    q.undo = null;
    render(q);
    remember(q);
    // On screen, if it is not; focus stays on Check.
    q.status.scrollIntoView({ block: "nearest", behavior: "instant" });
    if (revealAll && q.answer) q.answer.open = true;
  }

  function onChange(q) {
    q.checked = false;
    q.undo = null;
    render(q);
    remember(q);
  }

  function restore(q, saved) {
    q.boxes.forEach((box) => (box.checked = saved.chosen.includes(+box.value)));
    q.checked = !!saved.checked;
    q.solved = !!saved.solved;
    q.seen = !!saved.seen;
  }

  // Undoable until the next change.
  function onReset(q) {
    const undo = q.undo;
    q.undo = undo ? null : state(q);
    restore(q, undo || { chosen: [] });
    if (undo) remember(q);
    else {
      storage?.removeItem(PREFIX + q.quiz.getAttribute("data-quiz-key"));
      if (q.answer) q.answer.open = false;
    }
    render(q);
  }

  function onOpenAnswer(q) {
    if (q.answer.open) return;
    q.seen = true;
    q.undo = null;
    remember(q);
  }

  function shuffle(q) {
    // Random keys, not a random comparator: orders equally likely.
    const keyed = q.items.map((item) => [Math.random(), item]);
    q.list.append(...keyed.sort((a, b) => a[0] - b[0]).map((pair) => pair[1]));
  }

  // Found when needed; `:scope >` keeps nested quizzes apart.
  const quizzes = new WeakMap();
  function parts(quiz) {
    let q = quizzes.get(quiz);
    if (q) return q;
    const list = quiz.querySelector(":scope > .quiz-question > .quiz-statements");
    const items = list ? [...list.children] : [];
    const answer = quiz.querySelector(":scope > .quiz-answer");
    // Before a nested quiz's box.
    const boxes = items.map((item) => item.querySelector(".quiz-checkbox"));
    q = {
      quiz,
      list,
      items,
      boxes,
      answer,
      status: quiz.querySelector(":scope > .quiz-status"),
      reset: quiz.querySelector(":scope > .quiz-actions > .quiz-reset"),
      feedback: [],
      described: boxes.map((box) => box.getAttribute("aria-describedby") || ""),
      key: document.getElementById(quiz.id + "-answer") || answer,
    };
    quizzes.set(quiz, q);
    return q;
  }

  // Set-up does only what shows; events are handled page-wide.
  const ACTIONS = make("div", "quiz-actions");
  for (const name of ["check", "reset"]) ACTIONS.appendChild(make("button", "quiz-" + name, say(name))).type = "button";
  function setUp(quiz) {
    const status = quiz.querySelector(":scope > .quiz-status");
    if (!status) return;
    status.before(ACTIONS.cloneNode(true));
    if (quiz.getAttribute("data-shuffle") === "true") shuffle(parts(quiz));
    const saved = load(quiz.getAttribute("data-quiz-key"));
    if (Array.isArray(saved?.chosen)) {
      const q = parts(quiz);
      restore(q, saved);
      render(q);
    }
  }
  document.querySelectorAll(".quiz[data-quiz-key]").forEach(setUp);

  document.addEventListener("click", (event) => {
    // A button or summary: the quiz is two levels up.
    const target = event.target.closest?.(".quiz-actions > button, .quiz-answer > summary");
    const quiz = target?.parentElement.parentElement;
    if (!quiz?.matches(".quiz[data-quiz-key]")) return;
    const q = parts(quiz);
    if (target.matches(".quiz-check")) onCheck(q);
    else if (target.matches(".quiz-reset")) onReset(q);
    else onOpenAnswer(q);
  });
  document.addEventListener("change", (event) => {
    const quiz = event.target.closest?.(".quiz[data-quiz-key]");
    if (quiz && event.target.matches(".quiz-checkbox")) onChange(parts(quiz));
  });
  // "toggle" does not bubble: caught on its way down.
  document.addEventListener(
    "toggle",
    (event) => {
      const q = quizzes.get(event.target.parentElement);
      if (q?.answer === event.target) render(q);
    },
    true,
  );

  const PROGRESS = { solved: "\u2713", seen: "\u25C9", tried: "\u25D0", untouched: "\u25CB" };
  for (const state in PROGRESS)
    PROGRESS[state] = make("span", "quizindex-status", say("progress-" + state), PROGRESS[state]);
  for (const item of document.querySelectorAll(".quizindex-item")) {
    const saved = load(item.getAttribute("data-quiz-key"));
    const state = saved ? (saved.solved ? "solved" : saved.seen ? "seen" : "tried") : "untouched";
    item.append(PROGRESS[state].cloneNode(true));
  }

  // Print every answer: not all browsers let CSS open a <details>.
  let opened = [];
  addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll(".quiz-answer:not([open])")];
    opened.forEach((details) => (details.open = true));
  });
  addEventListener("afterprint", () => opened.forEach((details) => (details.open = false)));
})();
