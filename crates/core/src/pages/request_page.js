(function () {
  'use strict';
  var form = document.getElementById('send-form');
  var input = document.getElementById('files');
  var drop = document.getElementById('drop');
  var list = document.getElementById('list');
  var button = document.getElementById('send');
  var summary = document.getElementById('summary');
  var d = form.dataset;
  var expires = new Date(d.expires);
  var fields = d.fields ? JSON.parse(d.fields) : [];
  var slots = d.slots ? JSON.parse(d.slots) : [];
  var nextSlot = 0;
  var queue = [];
  var busy = false;
  var received = 0;
  var refused = 0;
  var EXPIRED = 'This page has expired, so the file was not sent. Ask the person who sent you the link for a new one.';

  var until = document.getElementById('until');
  if (until && !isNaN(expires.getTime())) {
    until.textContent = expires.toLocaleString(undefined, {
      weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit'
    });
  }

  // Sizes as the app writes them: 1000-based, "4.2 MB".
  function size(n) {
    var units = ['B', 'KB', 'MB', 'GB', 'TB'];
    var i = 0;
    while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
    return (i === 0 ? String(n) : n.toFixed(n < 100 ? 1 : 0)) + ' ' + units[i];
  }

  function tag() {
    var bytes = new Uint8Array(3);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // Control and direction characters: the set of the app's own visible.rs (a test there
  // holds them equal).
  var HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
  var SHORT = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

  // A name as shown: those characters as escapes (\u{202E}) rather than obeyed.
  function visible(name) {
    return name.replace(HIDDEN, function (c) {
      return SHORT[c] || '\\u{' + ('000' + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4) + '}';
    });
  }

  // The name a file is stored under: no folders, no control or direction characters, and a
  // short random tag so two files of the same name never replace each other.
  function storedName(name) {
    var clean = name.replace(HIDDEN, '_').replace(/[\/\\]/g, '_').trim();
    if (clean === '' || clean === '.' || clean === '..') { clean = 'file'; }
    if (clean.length > 150) { clean = clean.slice(clean.length - 150); }
    var dot = clean.lastIndexOf('.');
    var t = ' (' + tag() + ')';
    return dot > 0 ? clean.slice(0, dot) + t + clean.slice(dot) : clean + t;
  }

  function row(file) {
    var li = document.createElement('li');
    var main = document.createElement('div');
    main.className = 'name';
    var name = document.createElement('div');
    name.textContent = visible(file.name);
    var bar = document.createElement('progress');
    bar.max = 1;
    bar.value = 0;
    var status = document.createElement('div');
    status.className = 'muted';
    status.textContent = 'Ready to send';
    main.appendChild(name);
    main.appendChild(bar);
    main.appendChild(status);
    var sz = document.createElement('span');
    sz.className = 'size';
    sz.textContent = size(file.size);
    li.appendChild(main);
    li.appendChild(sz);
    list.appendChild(li);
    return { li: li, bar: bar, status: status };
  }

  function say(r, text, cls) {
    r.status.textContent = text;
    r.status.className = cls;
  }

  function fail(r, text) {
    r.bar.classList.add('hidden');
    say(r, text, 'error');
    refused++;
  }

  function update() {
    var n = queue.length;
    button.disabled = busy || n === 0;
    button.textContent = busy ? 'Sending…' : (n === 1 ? 'Send 1 file' : (n > 1 ? 'Send ' + n + ' files' : 'Send files'));
    if (!busy && received + refused > 0) {
      summary.textContent = (received === 1 ? '1 file received' : received + ' files received') +
        (refused ? ', ' + refused + ' not sent.' : '.');
      summary.className = refused ? 'error' : 'ok';
    }
  }

  function add(files) {
    for (var i = 0; i < files.length; i++) {
      var f = files[i];
      var r = row(f);
      var max = Number(d.max);
      if (f.size > max) {
        var is = size(f.size);
        var limit = d.maxText;
        if (is === limit) {
          // Rounded, both read the same: say the exact numbers.
          is = f.size.toLocaleString() + ' bytes';
          limit = max.toLocaleString() + ' bytes';
        }
        fail(r, 'Too big: this file is ' + is + ' and the limit is ' + limit + '. It was not sent.');
      } else if (f.size === 0) {
        fail(r, 'This file is empty. It was not sent.');
      } else {
        queue.push({ file: f, row: r });
      }
    }
    update();
  }

  function pastEnd() { return Date.now() >= expires.getTime(); }

  // The storage's answer, in plain words.
  function explain(xhr) {
    var code = '';
    var message = '';
    try {
      var xml = new DOMParser().parseFromString(xhr.responseText, 'application/xml');
      var c = xml.getElementsByTagName('Code')[0];
      var m = xml.getElementsByTagName('Message')[0];
      code = c ? c.textContent : '';
      message = m ? m.textContent : '';
    } catch (e) { /* not XML: the status says enough */ }
    if (code === 'EntityTooLarge') {
      return 'Too big: the storage refuses files over ' + d.maxText + '. It was not sent.';
    }
    if (code === 'EntityTooSmall') { return 'This file is empty. It was not sent.'; }
    if (/expired/i.test(message) || code === 'ExpiredToken' || (xhr.status === 403 && pastEnd())) {
      return EXPIRED;
    }
    if (code === 'AccessDenied' || code === 'InvalidPolicyDocument' || xhr.status === 403) {
      return 'The storage refused this file (access denied). Ask the person who sent you the link for a new one.';
    }
    return 'The file was not sent: the storage answered ' + (code || ('HTTP ' + xhr.status)) + '. Try again later.';
  }

  function sendNext() {
    var item = queue.shift();
    if (!item) {
      busy = false;
      update();
      return;
    }
    busy = true;
    update();
    var xhr = new XMLHttpRequest();
    var body;
    if (d.mode === 'form') {
      var name = storedName(item.file.name);
      body = new FormData();
      fields.forEach(function (f) { body.append(f[0], f[1]); });
      // The fields carry Content-Type (application/octet-stream, which the policy
      // demands): whatever the file is, the bucket never serves it as a page.
      body.append('key', d.prefix + name);
      body.append('file', item.file, name);
      xhr.open('POST', d.url);
    } else {
      if (nextSlot >= slots.length) {
        fail(item.row, 'This page takes no more files (' + slots.length + ' at most). Ask the person who sent you the link for a new one.');
        sendNext();
        return;
      }
      var slot = slots[nextSlot++];
      xhr.open('PUT', slot.url);
      slot.headers.forEach(function (h) { xhr.setRequestHeader(h[0], h[1]); });
      body = item.file;
    }
    say(item.row, 'Sending…', 'muted');
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        item.row.bar.value = e.loaded / e.total;
        say(item.row, 'Sending… ' + Math.floor(100 * e.loaded / e.total) + '%', 'muted');
      }
    };
    xhr.onload = function () {
      if (xhr.status >= 200 && xhr.status < 300) {
        item.row.bar.value = 1;
        say(item.row, 'Received ✓', 'ok');
        received++;
      } else if (d.mode !== 'form' && xhr.status === 412) {
        // That slot was used before (the page was opened again): take the next one.
        queue.unshift(item);
      } else {
        fail(item.row, explain(xhr));
      }
      sendNext();
    };
    xhr.onerror = function () {
      fail(item.row, pastEnd() ? EXPIRED : 'The connection failed before the file arrived. Check your connection and send it again.');
      sendNext();
    };
    xhr.send(body);
  }

  input.addEventListener('change', function () {
    add(input.files);
    input.value = '';
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (input.files && input.files.length) {
      add(input.files);
      input.value = '';
    }
    if (!busy) { sendNext(); }
  });
  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files) { add(e.dataTransfer.files); }
  });
  // A file dropped beside the zone must not replace the page.
  document.addEventListener('dragover', function (e) { e.preventDefault(); });
  document.addEventListener('drop', function (e) { e.preventDefault(); });
}());
