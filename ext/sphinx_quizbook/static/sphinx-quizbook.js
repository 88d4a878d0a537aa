/* sphinx-quizbook self-check: data-* in, textContent out; quizzes work without it. */
"use strict";
(() => {
  const PREFIX = "sphinx-quizbook:";
  const ICONS = { "correct-choice": "\u2713", "wrong-choice": "\u2717", missed: "!", "left-out": "\u2713" };
  const script = document.currentScript;

  // Storage may throw (private mode, blocked cookies): then we just forget.
  const store = (action, key, value) => {
    try {
      const storage = window.localStorage;
      if (action === "get") return JSON.parse(storage.getItem(PREFIX + key));
      if (action === "set") storage.setItem(PREFIX + key, JSON.stringify(value));
      else storage.removeItem(PREFIX + key);
    } catch {
      return null;
    }
  };

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (field, name) => values[name]);

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

  // Our words, translated, ride on our own <script> tag.
  const say = (name) => script.getAttribute("data-i18n-" + name) || name;

  function setUp(quiz) {
    const storageKey = quiz.dataset.quizKey;
    const list = quiz.querySelector(".quiz-statements");
    const status = quiz.querySelector(".quiz-status");
    const answer = quiz.querySelector(".quiz-answer");
    // The key sits in the answer, or in an answer key at the chapter's end.
    const answerKey = document.getElementById(quiz.id + "-answer") || quiz;
    if (!list || !status) return;
    const items = [...list.querySelectorAll(":scope > .quiz-statement")];
    const boxes = items.map((item) => item.querySelector(".quiz-checkbox"));

    if (quiz.dataset.shuffle === "true") {
      // Random keys, not a random comparator: every order equally likely.
      const keyed = items.map((item) => [Math.random(), item]);
      list.append(...keyed.sort((a, b) => a[0] - b[0]).map((pair) => pair[1]));
    }

    const actions = make("div", "quiz-actions");
    const check = make("button", "quiz-check", say("check"));
    const reset = make("button", "quiz-reset", say("reset"));
    check.type = reset.type = "button";
    actions.append(check, reset);
    status.before(actions);

    let checked = false;
    let openedAnswer = false;
    let solvedOnce;
    // A class, not :has(:checked), which EPUB's CSS lacks.
    const mark = () => items.forEach((item, i) => item.classList.toggle("quiz-chosen", boxes[i].checked));
    const save = () => {
      const chosen = boxes.filter((box) => box.checked).map((box) => +box.value);
      mark();
      store("set", storageKey, { chosen, checked, solved: solvedOnce });
    };
    const firstBox = () => list.querySelector(".quiz-checkbox");

    function show() {
      let found = 0, total = 0, wrong = 0;
      items.forEach((item, i) => {
        const box = boxes[i];
        const chosen = box.checked;
        const correct = item.dataset.correct === "true";
        const kind = correct ? (chosen ? "correct-choice" : "missed") : chosen ? "wrong-choice" : "left-out";
        total += correct;
        found += correct && chosen;
        wrong += !correct && chosen;

        const feedback = make("div", "quiz-feedback quiz-" + kind);
        feedback.id = box.id + "-feedback";
        feedback.append(tell(make("p", "quiz-result"), ICONS[kind], say(kind)));
        // The key's explanation, copied without ids: ids stay unique.
        const explanation = answerKey.querySelector(`.quiz-key-item[data-index="${item.dataset.index}"] > .quiz-explanation`);
        if (explanation) {
          const copy = explanation.cloneNode(true);
          [copy, ...copy.querySelectorAll("[id]")].forEach((node) => node.removeAttribute("id"));
          feedback.append(copy);
        }
        item.append(feedback);
        item.classList.add("quiz-" + kind);
        box.disabled = true;
        box.setAttribute("aria-describedby", feedback.id);
      });

      const solved = found === total && wrong === 0;
      const phrase = fill(say("wrong-" + (wrong > 1 ? "many" : wrong ? "one" : "none")), { wrong });
      const summary = fill(say("summary"), { found, total, wrong: phrase });
      status.textContent = solved ? say("solved") + " " + summary : summary;
      quiz.classList.add("quiz-checked");
      quiz.classList.toggle("quiz-solved", solved);
      solvedOnce ||= solved;
      check.textContent = say("retry");
      // Opening a <details> restyles the whole page: verdict first, answer next frame.
      requestAnimationFrame(() => checked && answer && !answer.open && (answer.open = openedAnswer = true));
    }

    function clear() {
      quiz.querySelectorAll(".quiz-feedback").forEach((node) => node.remove());
      items.forEach((item) => item.classList.remove(...Object.keys(ICONS).map((kind) => "quiz-" + kind)));
      boxes.forEach((box) => {
        box.disabled = false;
        box.removeAttribute("aria-describedby");
      });
      status.textContent = "";
      quiz.classList.remove("quiz-checked", "quiz-solved");
      check.textContent = say("check");
      if (answer && openedAnswer) answer.open = openedAnswer = false;
    }

    // Check keeps focus on its button while the live region speaks; Try
    // again and Reset move it to the first statement.
    check.addEventListener("click", () => {
      checked = !checked;
      if (checked) show();
      else {
        clear();
        firstBox().focus();
      }
      save();
    });
    reset.addEventListener("click", () => {
      checked = solvedOnce = false;
      clear();
      boxes.forEach((box) => (box.checked = false));
      mark();
      store("drop", storageKey);
      firstBox().focus();
    });
    list.addEventListener("change", save);

    const saved = store("get", storageKey);
    if (saved && Array.isArray(saved.chosen)) {
      boxes.forEach((box) => (box.checked = saved.chosen.includes(+box.value)));
      mark();
      solvedOnce = saved.solved;
      if (saved.checked) {
        checked = true;
        show();
      }
    }
  }

  document.querySelectorAll(".quiz[data-quiz-key]").forEach(setUp);

  // How far the reader got with each quiz of a catalog.
  const PROGRESS = { solved: "\u2713", tried: "\u25D0", untouched: "\u25CB" };
  document.querySelectorAll(".quizindex-item").forEach((item) => {
    const saved = store("get", item.dataset.quizKey);
    const state = saved ? (saved.solved ? "solved" : "tried") : "untouched";
    item.firstElementChild.append(" ", tell(make("span", "quizindex-status"), PROGRESS[state], say("progress-" + state)));
  });

  // Print every answer: not every browser lets CSS open a <details>.
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll(".quiz-answer:not([open])")];
    opened.forEach((details) => (details.open = true));
  });
  window.addEventListener("afterprint", () => opened.forEach((details) => (details.open = false)));
})();
