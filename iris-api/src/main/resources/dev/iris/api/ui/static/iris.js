// Small helpers htmx does not cover. No inline scripts: the pages' Content-Security-Policy forbids them.
document.addEventListener('change', function (event) {
  // <input type=file data-fill="textarea-id">: read the chosen file into that textarea, so the form
  // posts plain text (and works the same as pasting).
  var input = event.target;
  if (!input.matches || !input.matches('input[type=file][data-fill]') || !input.files.length) {
    return;
  }
  var target = document.getElementById(input.getAttribute('data-fill'));
  var reader = new FileReader();
  reader.onload = function () { target.value = reader.result; };
  reader.readAsText(input.files[0]);
});
document.addEventListener('submit', function (event) {
  // <form data-confirm="text">: ask first.
  var form = event.target;
  var question = form.getAttribute && form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
document.addEventListener('change', function (event) {
  // <input type=checkbox data-select-all="form-id">: tick or untick every box of that form.
  var input = event.target;
  if (!input.matches || !input.matches('input[type=checkbox]')) {
    return;
  }
  var formId = input.getAttribute('data-select-all') || input.getAttribute('form');
  if (!formId) {
    return;
  }
  var boxes = document.querySelectorAll('input[type=checkbox][form="' + formId + '"]');
  if (input.hasAttribute('data-select-all')) {
    boxes.forEach(function (box) { box.checked = input.checked; });
  }
  var ticked = 0;
  boxes.forEach(function (box) { if (box.checked) { ticked++; } });
  document.querySelectorAll('[data-selected-count]').forEach(function (label) {
    label.textContent = ticked ? ticked + ' selected' : '';
  });
});
