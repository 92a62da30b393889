/*
 * The statistics dashboard: no build, no library. Signs in through the gateway
 * (POST /api/v1/auth/login), keeps the access token in sessionStorage, reads the reports
 * with it and draws the charts as inline SVG.
 */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var COLORS = ['#a4161a', '#e5383b', '#f4a261', '#2a9d8f', '#264653', '#8d99ae'];
  var $ = function (id) { return document.getElementById(id); };

  function token() { return sessionStorage.getItem('statistics.token'); }

  function api(path) {
    return fetch(path, { headers: { 'Authorization': 'Bearer ' + token(), 'Accept': 'application/json' } })
      .then(function (r) {
        if (r.status === 401) { sessionStorage.removeItem('statistics.token'); showLogin(); throw new Error('请重新登录'); }
        if (r.status === 403) { throw new Error('您的角色无权查看这些统计'); }
        if (!r.ok) { throw new Error('请求失败（' + r.status + '）'); }
        return r.json();
      });
  }

  function showLogin() { $('login').hidden = false; $('board').hidden = true; $('logout').hidden = true; }

  function pct(v) { return v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%'; }

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* Drawn at the panel's own width so that text keeps its size on a phone */
  function widthOf(target, fallback) {
    var w = target.clientWidth;
    return w > 0 ? Math.max(280, Math.min(900, w)) : fallback;
  }

  function svg(width, height) {
    return el('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', preserveAspectRatio: 'xMidYMid meet' });
  }

  /* Horizontal bars of fractions 0..1: [{label, value, none}]; a null value has no bar and shows none (default 不排名) */
  function hbars(target, rows) {
    var width = widthOf(target, 560), rowH = 26, left = Math.min(150, Math.round(width * 0.34));
    var height = Math.max(rows.length * rowH + 10, 40);
    var s = svg(width, height);
    rows.forEach(function (r, i) {
      var y = 5 + i * rowH;
      var none = r.value === null || r.value === undefined;
      var w = none ? 0 : Math.max(1, (width - left - 60) * r.value);
      var max = Math.max(4, Math.floor(left / 12) - 1);
      var label = r.label.length > max ? r.label.slice(0, max) + '…' : r.label;
      s.appendChild(el('text', { x: left - 6, y: y + 16, 'text-anchor': 'end' }, label));
      s.appendChild(el('rect', { x: left, y: y + 3, width: w, height: rowH - 8, fill: COLORS[i % 2 === 0 ? 0 : 1], rx: 2 }));
      s.appendChild(el('text', { x: left + w + 4, y: y + 16 }, none ? (r.none || '不排名') : pct(r.value)));
    });
    if (!rows.length) { s.appendChild(el('text', { x: 10, y: 24 }, '暂无数据')); }
    target.replaceChildren(s);
  }

  /* A stacked single bar of counts with a legend: [{label, value}] */
  function stack(target, parts) {
    var width = widthOf(target, 560), height = 50, total = parts.reduce(function (a, p) { return a + p.value; }, 0);
    var s = svg(width, height), x = 0;
    parts.forEach(function (p, i) {
      var w = total ? width * p.value / total : 0;
      s.appendChild(el('rect', { x: x, y: 5, width: w, height: 40, fill: COLORS[i + 2] }));
      if (w > 40) { s.appendChild(el('text', { x: x + 6, y: 30, fill: '#fff' }, p.label + ' ' + p.value)); }
      x += w;
    });
    if (!total) { s.appendChild(el('text', { x: 10, y: 30 }, '暂无办复')); }
    var legend = document.createElement('div');
    legend.className = 'legend';
    parts.forEach(function (p, i) {
      var item = document.createElement('span');
      var swatch = document.createElement('i');
      swatch.style.background = COLORS[i + 2];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(p.label + '：' + p.value + '（' + pct(total ? p.value / total : null) + '）'));
      legend.appendChild(item);
    });
    target.replaceChildren(s, legend);
  }

  /* Lines of counts per period: series [{label, key}] over points */
  function lines(target, points, series) {
    var width = widthOf(target, 640), height = 240, left = 36, bottom = 36, top = 10;
    var every = Math.max(1, Math.ceil(points.length * 44 / (width - left)));
    var max = 1;
    points.forEach(function (p) { series.forEach(function (se) { max = Math.max(max, p[se.key]); }); });
    var s = svg(width, height);
    var x = function (i) { return left + (points.length < 2 ? 0 : i * (width - left - 10) / (points.length - 1)); };
    var y = function (v) { return top + (height - top - bottom) * (1 - v / max); };
    [0, 0.5, 1].forEach(function (f) {
      var v = Math.round(max * f);
      s.appendChild(el('line', { x1: left, x2: width - 10, y1: y(v), y2: y(v), stroke: '#ddd' }));
      s.appendChild(el('text', { x: left - 4, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
    });
    points.forEach(function (p, i) {
      if (i % every === 0) {
        s.appendChild(el('text', { x: x(i), y: height - 14, 'text-anchor': 'middle' }, p.period.slice(2)));
      }
    });
    series.forEach(function (se, k) {
      var d = points.map(function (p, i) { return (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(p[se.key]).toFixed(1); }).join(' ');
      s.appendChild(el('path', { d: d, fill: 'none', stroke: COLORS[k], 'stroke-width': 2 }));
    });
    var legend = document.createElement('div');
    legend.className = 'legend';
    series.forEach(function (se, k) {
      var item = document.createElement('span');
      var swatch = document.createElement('i');
      swatch.style.background = COLORS[k];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(se.label));
      legend.appendChild(item);
    });
    target.replaceChildren(s, legend);
  }

  function cards(o) {
    var items = [['提案总数', o.received], ['立案数', o.filed], ['立案率', pct(o.filingRate)], ['交办数', o.assigned],
      ['办复率', pct(o.replyRate)], ['按期办复率', pct(o.onTimeRate)], ['满意率', pct(o.ratings.satisfactionRate)],
      ['见面率', pct(o.meetingRate)], ['当前超期', o.overdueNow], ['重新办理', o.rehandled],
      ['平均办复天数', o.averageDaysToReply === null ? '—' : o.averageDaysToReply]];
    // key proposals (重点提案) and follow-ups of B-class replies (跟踪答复): definitions in the API's schema
    var key = o.keyProposalHandling, follow = o.followUps;
    if (key && follow) {
      items.push(['重点提案', key.count], ['重点提案办复率', pct(key.replyRate)], ['跟踪答复率', pct(follow.answerRate)],
        ['跟踪答复超期', follow.overdueNow]);
    }
    $('cards').replaceChildren.apply($('cards'), items.map(function (it) {
      var card = document.createElement('div');
      card.className = 'card';
      var label = document.createElement('div'); label.className = 'label'; label.textContent = it[0];
      var value = document.createElement('div'); value.className = 'value'; value.textContent = String(it[1]);
      card.appendChild(label); card.appendChild(value);
      return card;
    }));
  }

  function load() {
    var session = $('session').value;
    var q = session ? '?session=' + encodeURIComponent(session) : '';
    $('status').textContent = '加载中…';
    Promise.all([api('/api/v1/statistics/overview' + q), api('/api/v1/statistics/units' + q),
      api('/api/v1/statistics/trend')])
      .then(function (r) {
        var o = r[0], units = r[1], trend = r[2];
        $('login').hidden = true; $('board').hidden = false; $('logout').hidden = false;
        cards(o);
        hbars($('rates-chart'), [{ label: '立案率', value: o.filingRate }, { label: '办复率', value: o.replyRate },
          { label: '按期办复率', value: o.onTimeRate }, { label: '满意率', value: o.ratings.satisfactionRate },
          { label: '见面率', value: o.meetingRate }].map(function (x) {
          // a rate with no denominator (e.g. 满意率 before any rating) is '—' as on its card, not 0.0%
          return { label: x.label, value: x.value, none: '—' };
        }));
        stack($('classes-chart'), [{ label: 'A', value: o.resultClasses.a }, { label: 'B', value: o.resultClasses.b },
          { label: 'C', value: o.resultClasses.c }]);
        hbars($('units-chart'), units.items.slice(0, 30).map(function (u) { return { label: u.unitName, value: u.onTimeRate }; }));
        lines($('trend-chart'), trend.items, [{ label: '收到', key: 'received' }, { label: '立案', key: 'filed' },
          { label: '交办', key: 'assigned' }, { label: '办复', key: 'replied' }]);
        $('status').textContent = '';
        document.body.setAttribute('data-loaded', 'true');
      })
      .catch(function (e) { $('status').textContent = e.message; });
  }

  function sessions() {
    return fetch('/api/v1/public/statistics').then(function (r) { return r.ok ? r.json() : { sessions: [] }; })
      .then(function (p) {
        p.sessions.forEach(function (s) {
          var opt = document.createElement('option');
          opt.value = s.session; opt.textContent = s.session;
          $('session').appendChild(opt);
        });
      }).catch(function () { /* the selector keeps 全部 */ });
  }

  $('login-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var form = ev.target;
    $('login-error').textContent = '';
    fetch('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: form.username.value, password: form.password.value }) })
      .then(function (r) {
        if (!r.ok) { throw new Error(r.status === 423 ? '账号已锁定，请稍后再试' : '用户名或密码错误'); }
        return r.json();
      })
      .then(function (t) { sessionStorage.setItem('statistics.token', t.accessToken); form.password.value = ''; load(); })
      .catch(function (e) { $('login-error').textContent = e.message; });
  });
  $('logout').addEventListener('click', function () { sessionStorage.removeItem('statistics.token'); showLogin(); });
  $('session').addEventListener('change', function () { if (token()) { load(); } });

  sessions().then(function () { if (token()) { load(); } else { showLogin(); } });
}());
