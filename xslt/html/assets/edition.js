/* tei-edition: the document page's script. The reading switch ("as translated" / "reading
   text", remembered in localStorage where the browser allows it), the copy buttons of
   "Cite this document", and Escape to dismiss an explanation. Works from file://, no network. */
(function () {
  "use strict";

  var KEY = "tei-edition:reading";

  function load() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (e) {
      return null; /* storage refused (a file:// page in some browsers): not remembered */
    }
  }

  function save(value) {
    try {
      window.localStorage.setItem(KEY, value);
    } catch (e) {
      /* not remembered; the switch still works */
    }
  }

  function apply(value) {
    var mode = value === "reading" ? "reading" : "translated";
    document.body.setAttribute("data-reading", mode);
    var radios = document.querySelectorAll('input[name="te-reading"]');
    for (var i = 0; i < radios.length; i++) {
      radios[i].checked = radios[i].value === mode;
    }
  }

  function setUpSwitch() {
    var box = document.querySelector(".reading-switch");
    if (!box) {
      return;
    }
    apply(load());
    box.hidden = false;
    box.addEventListener("change", function (event) {
      if (event.target && event.target.name === "te-reading") {
        apply(event.target.value);
        save(event.target.value);
      }
    });
  }

  function copyFallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-100px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function setUpCopy() {
    var status = document.querySelector(".copy-status");
    function say(message) {
      if (status) {
        status.textContent = message;
      }
    }
    var buttons = document.querySelectorAll("button.copy[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (event) {
        var button = event.currentTarget;
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) {
          return;
        }
        var text = source.textContent;
        var what = button.textContent.replace(/^Copy /, "");
        var done = function () { say(what + " copied to the clipboard."); };
        var fallback = function () {
          say(copyFallback(text) ? what + " copied to the clipboard."
                                 : "Copying is not allowed here: select the text and copy it.");
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, fallback);
        } else {
          fallback();
        }
      });
    }
  }

  /* Escape hides the explanation under the pointer or the focus (WCAG 1.4.13). */
  function setUpDismiss() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      var shown = document.querySelectorAll(".ed:hover, .ed:focus");
      for (var i = 0; i < shown.length; i++) {
        shown[i].classList.add("ed-dismissed");
      }
    });
    var clear = function (event) {
      var el = event.target;
      if (el && el.classList && el.classList.contains("ed")) {
        el.classList.remove("ed-dismissed");
      }
    };
    document.addEventListener("focusout", clear);
    document.addEventListener("mouseout", clear);
  }

  function start() {
    setUpSwitch();
    setUpCopy();
    setUpDismiss();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
