// Irreversible acts ask first: a form, or the button that submits it, carries its question in data-confirm.
// The question is an HTML attribute (encoded by Razor), never JavaScript source, so any quote in any language is safe.
document.addEventListener('submit', (event) => {
    const question = event.submitter?.dataset.confirm ?? event.target.dataset?.confirm;
    if (question && !window.confirm(question)) {
        event.preventDefault();
    }
});
