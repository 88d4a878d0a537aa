/* sphinx-quizbook self-check: data-* in, textContent out; quizzes work without it.
   Check marks the reader's choices; opening the answer, every statement. */
"use strict";
(() => {
  const PREFIX = "sphinx-quizbook:";
  const ICONS = { "correct-choice": "\u2713", "wrong-choice": "\u2717", missed: "!", "left-out": "\u2713" };
  const KINDS = Object.keys(ICONS).map((kind) => "quiz-" + kind);
  const script = document.currentScript;
  const revealAll = script.dataset.feedback === "all";

  // Our words, translated, ride on our <script> tag.
  const say = (name) => script.getAttribute("data-i18n-" + name) || name;
  // Storage may throw (private mode), Intl a bad tag: then we carry on.
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
  const load = (key) => attempt(() => JSON.parse(localStorage.getItem(PREFIX + key)));
  const save = (key, value) => attempt(() => localStorage.setItem(PREFIX + key, JSON.stringify(value)));
  const forget = (key) => attempt(() => localStorage.removeItem(PREFIX + key));

  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    element.className = className;
    if (text) element.textContent = text;
    return element;
  };
  const tell = (element, icon, words) => {
    const mark = make("span", "quiz-icon", icon);
    mark.setAttribute("aria-hidden", "true");
    element.append(mark, " " + words);
    return element;
  };

  const isCorrect = (item) => item.dataset.correct === "true";
  const isExact = (q) => q.items.every((item, i) => isCorrect(item) === q.boxes[i].checked);

  // Copied without ids: ids stay unique.
  function explanation(q, item) {
    const found = q.key?.querySelector(`:scope > .quiz-key > [data-index="${item.dataset.index}"] > .quiz-explanation`);
    if (!found) return "";
    const copy = found.cloneNode(true);
    [copy, ...copy.querySelectorAll("[id]")].forEach((node) => node.removeAttribute("id"));
    return copy;
  }

  // An explanation only while the answer (which has it) is closed.
  function verdict(q, i, shown, explained) {
    const item = q.items[i];
    const box = q.boxes[i];
    q.feedback[i]?.remove();
    q.feedback[i] = null;
    item.classList.remove(...KINDS);
    item.classList.toggle("quiz-chosen", box.checked);
    // The box may be described by its statement's body already.
    const describe = (ids) => (ids ? box.setAttribute("aria-describedby", ids) : box.removeAttribute("aria-describedby"));
    describe(q.described[i]);
    if (!shown) return;
    const kind = isCorrect(item) ? (box.checked ? "correct-choice" : "missed") : box.checked ? "wrong-choice" : "left-out";
    const feedback = make("div", "quiz-feedback");
    feedback.id = box.id + "-feedback";
    feedback.append(tell(make("p", "quiz-result"), ICONS[kind], say(kind)));
    if (explained) feedback.append(explanation(q, item));
    item.append(feedback);
    item.classList.add("quiz-" + kind);
    describe((q.described[i] + " " + feedback.id).trim());
    q.feedback[i] = feedback;
  }

  function summary(q, exact) {
    if (exact) return say("solved");
    const tally = { right: 0, wrong: 0, missing: 0 };
    q.items.forEach((item, i) => {
      const chosen = q.boxes[i].checked;
      if (chosen) tally[isCorrect(item) ? "right" : "wrong"]++;
      else if (isCorrect(item)) tally.missing++;
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
    q.quiz.classList.toggle("quiz-checked", q.checked);
    q.quiz.classList.toggle("quiz-solved", q.checked && exact);
    const text = q.checked ? summary(q, exact) : q.undo ? say("cleared") : "";
    if (q.status.textContent !== text) q.status.textContent = text;
  }

  const state = (q) => ({
    chosen: q.boxes.filter((box) => box.checked).map((box) => +box.value),
    checked: !!q.checked,
    solved: !!q.solved,
    seen: !!q.seen,
  });
  const remember = (q) => save(q.storageKey, state(q));

  function onCheck(q) {
    q.checked = true;
    if (isExact(q) && !q.seen) q.solved = true;
    q.seen ||= revealAll;
    endUndo(q);
    render(q);
    remember(q);
    // On screen, if it is not; focus stays on Check.
    q.status.scrollIntoView({ block: "nearest", behavior: "instant" });
    // Opening restyles the page: verdicts first, answer next frame.
    if (revealAll && q.answer) requestAnimationFrame(() => (q.answer.open = true));
  }

  function onChange(q, event) {
    if (!q.boxes.includes(event.target)) return;
    q.checked = false;
    endUndo(q);
    render(q);
    remember(q);
  }

  function restore(q, state) {
    q.boxes.forEach((box) => (box.checked = state.chosen.includes(+box.value)));
    q.checked = !!state.checked;
    q.solved = !!state.solved;
    q.seen = !!state.seen;
  }

  // Undoable until the next change.
  function onReset(q) {
    if (q.undo) {
      restore(q, q.undo);
      endUndo(q);
      remember(q);
    } else {
      const before = state(q);
      restore(q, { chosen: [] });
      if (q.answer) q.answer.open = false;
      forget(q.storageKey);
      if (before.chosen.length || before.checked || before.seen) {
        q.undo = before;
        q.reset.textContent = say("undo");
      }
    }
    render(q);
  }

  function endUndo(q) {
    if (q.undo) q.reset.textContent = say("reset");
    q.undo = null;
  }

  function onOpenAnswer(q) {
    if (q.answer.open) return;
    q.seen = true;
    endUndo(q);
    remember(q);
  }

  function shuffle(list, items) {
    // Random keys, not a random comparator: orders equally likely.
    const keyed = items.map((item) => [Math.random(), item]);
    list.append(...keyed.sort((a, b) => a[0] - b[0]).map((pair) => pair[1]));
  }

  function addButtons(q) {
    const actions = make("div", "quiz-actions");
    [q.check, q.reset] = ["check", "reset"].map((name) => {
      const element = make("button", "quiz-" + name, say(name));
      element.type = "button";
      return actions.appendChild(element);
    });
    q.status.before(actions);
    q.check.addEventListener("click", () => onCheck(q));
    q.reset.addEventListener("click", () => onReset(q));
  }

  // `:scope >`: a quiz touches only its own parts, nested or not.
  function setUp(quiz) {
    const list = quiz.querySelector(":scope > .quiz-question > .quiz-statements");
    const status = quiz.querySelector(":scope > .quiz-status");
    if (!list || !status) return;
    const items = [...list.querySelectorAll(":scope > .quiz-statement")];
    const answer = quiz.querySelector(":scope > .quiz-answer");
    const q = {
      quiz,
      items,
      status,
      answer,
      storageKey: quiz.dataset.quizKey,
      boxes: items.map((item) => item.querySelector(":scope > .quiz-statement-text > .quiz-checkbox")),
      feedback: [],
      // In the answer or at the chapter's end.
      key: document.getElementById(quiz.id + "-answer") || answer,
    };
    q.described = q.boxes.map((box) => box.getAttribute("aria-describedby") || "");
    if (quiz.dataset.shuffle === "true") shuffle(list, items);
    addButtons(q);
    list.addEventListener("change", (event) => onChange(q, event));
    if (answer) {
      answer.querySelector(":scope > summary")?.addEventListener("click", () => onOpenAnswer(q));
      answer.addEventListener("toggle", () => render(q));
    }
    const saved = load(q.storageKey);
    if (Array.isArray(saved?.chosen)) {
      restore(q, saved);
      render(q);
    }
  }

  document.querySelectorAll(".quiz[data-quiz-key]").forEach(setUp);

  // A catalog's progress marks.
  const PROGRESS = { solved: "\u2713", seen: "\u25C9", tried: "\u25D0", untouched: "\u25CB" };
  document.querySelectorAll(".quizindex-item").forEach((item) => {
    const saved = load(item.dataset.quizKey);
    const state = saved ? (saved.solved ? "solved" : saved.seen ? "seen" : "tried") : "untouched";
    item.firstElementChild.append(" ", tell(make("span", "quizindex-status"), PROGRESS[state], say("progress-" + state)));
  });

  // Print every answer: not all browsers let CSS open a <details>.
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll(".quiz-answer:not([open])")];
    opened.forEach((details) => (details.open = true));
  });
  window.addEventListener("afterprint", () => opened.forEach((details) => (details.open = false)));
})();
