// The web UI's only script: reloads pages that show something running, and asks before destructive actions.
(function () {
    'use strict';

    var refresh = document.body.getAttribute('data-refresh');
    if (refresh) {
        setTimeout(function () {
            var active = document.activeElement;
            // never throw away what someone is typing into a form
            if (active && (active.tagName === 'INPUT' || active.tagName === 'SELECT') && active.value) {
                return;
            }
            window.location.reload();
        }, Number(refresh) * 1000);
    }

    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
        form.addEventListener('submit', function (event) {
            if (!window.confirm(form.getAttribute('data-confirm'))) {
                event.preventDefault();
            }
        });
    });

    document.querySelectorAll('time[datetime]').forEach(function (time) {
        var date = new Date(time.getAttribute('datetime'));
        if (!isNaN(date)) {
            time.title = date.toLocaleString() + ' (your time)';
        }
    });
})();
