/**
 * The report page's script and style, inlined into the HTML file (no network: it must open from a USB stick).
 * Plain browser JavaScript over columnar arrays: filtering 100k findings is a loop over integer columns, and only
 * one page of rows is ever in the DOM.
 */
export const CLIENT_CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.5 "Noto Sans CJK SC","Microsoft YaHei","PingFang SC",SimSun,sans-serif;color:#222;background:#f5f6f8}
header{background:#1f4e79;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}header .sub{opacity:.85}
main{max-width:1400px;margin:0 auto;padding:16px 24px}section{background:#fff;border:1px solid #dde;border-radius:6px;padding:12px 16px;margin:0 0 16px}
h2{font-size:18px;margin:4px 0 10px;color:#1f4e79}h3{font-size:15px;margin:12px 0 6px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccd;padding:3px 6px;text-align:left;vertical-align:top}th{background:#ddebf7}
td.n{text-align:right;font-variant-numeric:tabular-nums}.verdict{font-weight:bold;font-size:18px}.fail{color:#c00000}.pass{color:#2e7d32}
.facts td:first-child{width:12em;color:#555}.warn{color:#c00000;font-weight:bold}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:12px}
#filters{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:8px}#filters select,#filters input{padding:3px;max-width:16em}
#rows tr{cursor:pointer}#rows tr:hover{background:#f0f6ff}#rows tr.sel{background:#fff4cc}.sev-error{color:#c00000}.sev-warning{color:#b26a00}
#pager{display:flex;gap:8px;align-items:center;margin-top:6px}#map{width:100%;height:560px;border:1px solid #ccd;background:#fbfbf8;cursor:grab;touch-action:none}
#map .o{fill:none;vector-effect:non-scaling-stroke}#map .XJXZQ{stroke:#333;stroke-width:2.2}#map .XJQY{stroke:#666;stroke-width:1.4}#map .CJQY{stroke:#999;stroke-width:.8;stroke-dasharray:4 3}
#map .pts{fill:none;stroke-linecap:round;stroke-width:5;vector-effect:non-scaling-stroke}#map #sel{fill:none;stroke:#000;stroke-width:12;stroke-linecap:round;vector-effect:non-scaling-stroke;opacity:.55}
#detail{min-height:3em;padding:8px;border:1px dashed #99a;margin-top:8px;background:#fffef5}#legend span{display:inline-block;margin-right:12px}#legend i{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}
.bar text{font-size:12px}small{color:#666}
`;

export const CLIENT_JS = `
(function(){
'use strict';
var D=JSON.parse(document.getElementById('data').textContent);
var T=D.labels,F=D.f,N=F.sev.length,PAGE=50;
var $=function(id){return document.getElementById(id)};
function esc(s){return String(s==null?'':s).replace(/[&<>"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]})}
function opt(sel,items,fmt){var h='<option value="-1">'+esc(T.all)+'</option>';for(var i=0;i<items.length;i++)h+='<option value="'+i+'">'+esc(fmt?fmt(items[i]):items[i])+'</option>';sel.innerHTML=h}
var nm=function(p){return p[1]?p[1]+' '+p[0]:p[0]||T.unplaced};
opt($('f-group'),D.dict.groups);opt($('f-rule'),D.dict.rules);opt($('f-sev'),[T.error,T.warning]);
opt($('f-town'),D.dict.towns,nm);opt($('f-village'),D.dict.villages,nm);opt($('f-fixer'),D.dict.fixers);
if(D.dict.statuses.length)opt($('f-status'),D.dict.statuses);else $('f-status').style.display='none';
var hay=null;
function haystack(){if(hay)return hay;hay=new Array(N);for(var i=0;i<N;i++)hay[i]=(F.msg[i]+' '+F.keys[i]+' '+D.dict.files[F.file[i]]+' '+F.act[i]+' '+F.exp[i]).toLowerCase();return hay}
var view=new Int32Array(N),count=0,page=0,selected=-1;
function val(id){return +$(id).value}
function apply(){
  var g=val('f-group'),r=val('f-rule'),s=val('f-sev'),tw=val('f-town'),v=val('f-village'),fx=val('f-fixer'),st=D.dict.statuses.length?val('f-status'):-1;
  var q=$('f-text').value.trim().toLowerCase(),h=q?haystack():null;count=0;
  for(var i=0;i<N;i++){
    if(g>=0&&F.g[i]!==g)continue;if(r>=0&&F.r[i]!==r)continue;if(s>=0&&F.sev[i]!==s)continue;
    if(tw>=0&&F.town[i]!==tw)continue;if(v>=0&&F.vil[i]!==v)continue;if(fx>=0&&F.fix[i]!==fx)continue;if(st>=0&&F.st[i]!==st)continue;
    if(h&&h[i].indexOf(q)<0)continue;view[count++]=i}
  page=0;render()}
function loc(i){var p=[];var f=D.dict.files[F.file[i]],t=D.dict.tables[F.tbl[i]],fl=D.dict.fields[F.fld[i]];
  if(f)p.push(f);if(t)p.push(t);if(F.rec[i]!=null)p.push('#'+F.rec[i]);if(fl)p.push(fl);return p.join(' · ')}
function render(){
  var from=page*PAGE,to=Math.min(count,from+PAGE),h='';
  for(var k=from;k<to;k++){var i=view[k];
    h+='<tr data-i="'+i+'"'+(i===selected?' class="sel"':'')+'><td class="n">'+(i+1)+'</td><td class="sev-'+(F.sev[i]?'warning':'error')+'">'+esc(F.sev[i]?T.warning:T.error)+'</td>'+
    (D.dict.statuses.length?'<td>'+esc(F.st[i]>=0?D.dict.statuses[F.st[i]]:'')+'</td>':'')+
    '<td>'+esc(D.dict.groups[F.g[i]])+'</td><td>'+esc(D.dict.rules[F.r[i]])+'</td><td>'+esc(F.msg[i])+(F.aff[i]?' <small>('+esc(F.aff[i])+')</small>':'')+'</td><td>'+esc(loc(i))+'</td><td>'+esc(F.keys[i])+'</td><td>'+esc(nm(D.dict.towns[F.town[i]]))+'</td><td>'+esc(nm(D.dict.villages[F.vil[i]]))+'</td><td>'+esc(D.dict.fixers[F.fix[i]])+'</td></tr>'}
  $('rows').innerHTML=h;
  $('count').textContent=T.shown.replace('{from}',count?from+1:0).replace('{to}',to).replace('{n}',count);
  $('prev').disabled=page===0;$('next').disabled=to>=count}
['f-group','f-rule','f-sev','f-town','f-village','f-fixer','f-status'].forEach(function(id){$(id).addEventListener('change',apply)});
var timer=0;$('f-text').addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(apply,150)});
$('prev').addEventListener('click',function(){if(page>0){page--;render()}});
$('next').addEventListener('click',function(){if((page+1)*PAGE<count){page++;render()}});
function detail(i){
  var rows=[[T.no,i+1],[T.severity,F.sev[i]?T.warning:T.error],[T.category,D.dict.groups[F.g[i]]],[T.rule,D.dict.rules[F.r[i]]],[T.message,F.msg[i]],[T.location,loc(i)],[T.keys,F.keys[i]],[T.actual,F.act[i]],[T.expected,F.exp[i]],
    [T.town,nm(D.dict.towns[F.town[i]])],[T.village,nm(D.dict.villages[F.vil[i]])],[T.fbf,nm(D.dict.fbfs[F.fbf[i]])],[T.fixedBy,D.dict.fixers[F.fix[i]]],[T.requirement,F.req[i]]];
  if(D.dict.statuses.length&&F.st[i]>=0)rows.push([T.status,D.dict.statuses[F.st[i]]]);if(F.aff[i])rows.push(['',F.aff[i]]);if(F.root[i])rows.push([T.rootCause,F.root[i]]);
  if(F.x[i]!=null)rows.push(['X / Y',(D.map.oy-F.y[i]).toFixed(3)+' / '+(F.x[i]+D.map.ox).toFixed(3)]);
  $('detail').innerHTML='<table class="facts">'+rows.filter(function(r){return r[1]!==''&&r[1]!=null}).map(function(r){return '<tr><td>'+esc(r[0])+'</td><td>'+esc(r[1])+'</td></tr>'}).join('')+'</table>';
  $('detail').setAttribute('data-i',i)}
function select(i,center){selected=i;detail(i);var s=$('sel');
  if(F.x[i]!=null){s.setAttribute('d','M'+F.x[i]+' '+F.y[i]+'h0');if(center){vb.x=F.x[i]-vb.w/2;vb.y=F.y[i]-vb.h/2;setVB()}}else s.setAttribute('d','');
  var tr=document.querySelectorAll('#rows tr');for(var k=0;k<tr.length;k++)tr[k].className=(+tr[k].getAttribute('data-i')===i)?'sel':''}
$('rows').addEventListener('click',function(e){var tr=e.target.closest('tr');if(tr)select(+tr.getAttribute('data-i'),true)});
// map: pan with drag, zoom with the wheel around the cursor, click picks the nearest point within a few pixels
var svg=$('map'),vb=D.map.viewBox.slice(),home=vb.slice();vb={x:vb[0],y:vb[1],w:vb[2],h:vb[3]};
function setVB(){svg.setAttribute('viewBox',vb.x+' '+vb.y+' '+vb.w+' '+vb.h)}
function toMap(cx,cy){var p=svg.createSVGPoint();p.x=cx;p.y=cy;return p.matrixTransform(svg.getScreenCTM().inverse())}
svg.addEventListener('wheel',function(e){e.preventDefault();var m=toMap(e.clientX,e.clientY),k=e.deltaY<0?0.8:1.25;
  vb.x=m.x-(m.x-vb.x)*k;vb.y=m.y-(m.y-vb.y)*k;vb.w*=k;vb.h*=k;setVB()},{passive:false});
var drag=null;
svg.addEventListener('pointerdown',function(e){drag={x:e.clientX,y:e.clientY,vx:vb.x,vy:vb.y,moved:false};svg.setPointerCapture(e.pointerId)});
svg.addEventListener('pointermove',function(e){if(!drag)return;var dx=e.clientX-drag.x,dy=e.clientY-drag.y;if(Math.abs(dx)+Math.abs(dy)>3)drag.moved=true;
  if(drag.moved){var s=vb.w/svg.getBoundingClientRect().width;vb.x=drag.vx-dx*s;vb.y=drag.vy-dy*s;setVB()}});
svg.addEventListener('pointerup',function(e){var d=drag;drag=null;if(d&&!d.moved)pick(e.clientX,e.clientY)});
function pick(cx,cy){var m=toMap(cx,cy),tol=8*vb.w/svg.getBoundingClientRect().width,best=-1,bd=tol*tol;
  for(var i=0;i<N;i++){if(F.x[i]==null)continue;var dx=F.x[i]-m.x,dy=F.y[i]-m.y,d=dx*dx+dy*dy;if(d<=bd){bd=d;best=i}}
  if(best>=0)select(best,false)}
$('reset').addEventListener('click',function(){vb={x:home[0],y:home[1],w:home[2],h:home[3]};setVB()});
window.nyt2539Report={select:select,apply:apply,toScreen:function(i){var p=svg.createSVGPoint();p.x=F.x[i];p.y=F.y[i];var q=p.matrixTransform(svg.getScreenCTM());return {x:q.x,y:q.y}}};
apply();
})();
`;
