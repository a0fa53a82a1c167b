"""The Chinese of the engine's messages (ingest and its reasons, docx_in, the build, the
writers, watch): a table tools/i18n_zh.py writes into the catalog as a block of its own.

Terms as an office says them: 讲话稿, 汇编, 占位符 X, 待填写, 已是最新, 第 N 行; 文件头 for the
front matter, 内容文件 for a file of content/, 导入 for ingest, 修订 and 批注 for Word's tracked
changes and comments, 送审稿 for the copy a reviewer sent back. Setting names, options and
file names stay as written (`title:`, --force, _collection.yaml): they are what one types."""

from tools.i18n_zh_ingest import ZH_INGEST

ZH_ENGINE = {
    # the build, watch, the workers
    "another build is writing this folder; waiting for it to finish": "另一次生成正在写入此文件夹，等待其完成",
    "removed: no speech or booklet builds it any more": "已删除：已没有讲话稿或汇编生成此文件",
    "not built: a worker process was killed before this job finished (out of memory? a kill signal?); the jobs that finished are kept, build again for the rest":
        "未生成：此任务完成前工作进程被终止（内存不足？收到终止信号？）；已完成的保留，请再次生成其余文件",
    "{where}: internal error (please report; --debug shows the traceback): {detail}":
        "{where}：内部错误（请报告此问题；--debug 显示调用栈）：{detail}",
    "{count} warning(s) and --strict is on": "有 {count} 条警告，且已开启 --strict",
    "unreadable ({why}); every output is rebuilt": "无法读取（{why}）；全部文件将重新生成",
    "not a build manifest; every output is rebuilt": "不是生成记录文件；全部文件将重新生成",
    "{clock}  up to date ({seconds:.2f} s)": "{clock}  已是最新（{seconds:.2f} 秒）",
    "{clock}  wrote nothing; {count} failed in {seconds:.2f} s": "{clock}  未写入文件；{count} 项失败，用时 {seconds:.2f} 秒",
    "{clock}  wrote {files} in {seconds:.2f} s": "{clock}  已写入 {files}，用时 {seconds:.2f} 秒",
    "{clock}  wrote {files}; {count} failed in {seconds:.2f} s": "{clock}  已写入 {files}；{count} 项失败，用时 {seconds:.2f} 秒",
    "{name} ({pages} p.)": "{name}（{pages} 页）",
    "{size:.0f} KiB": "{size:.0f} KB",
    "{seconds:.2f} s": "{seconds:.2f} 秒",
    "watching {folders} (Ctrl-C ends)": "正在监视 {folders}（按 Ctrl-C 结束）",
    "the watched folders changed on disk: watching {folders} again": "所监视的文件夹在磁盘上有变动：重新监视 {folders}",
    "content folder is gone; waiting for it to be back": "content 文件夹已不存在；等待其恢复",
    "content folder not found": "找不到 content 文件夹",
    ", ": "，",
    ": ": "：",
    "; ": "；",
    "warning": "警告",
    "note": "提示",

    # the command line's help and argparse's own words
    "Build GB/T 9704 speech handouts (PDF + DOCX) from content/*.md.\n\ncommands:\n  build.py [FILE …]          build every speech in content/ (or only FILE …) into output/\n  build.py ingest RAW …      clean raw scraped pages into content/*.md plus a report\n  build.py ingest FILE.docx  an edited handout (or any Word file) back into content/\n                             (see `build.py ingest --help`)\n  build.py watch             stay running; rebuild what an edit touches, as it is saved\n  build.py serve [--port N]  the same, plus the workbench page on http://127.0.0.1:N/:\n                             add speeches, fill placeholders, edit, arrange the 汇编,\n                             download, take back edited DOCX\n":
        "由 content/*.md 生成符合 GB/T 9704 的讲话稿（PDF + DOCX）。\n\n命令：\n"
        "  build.py [FILE …]          把 content/ 中的每篇讲话稿（或只是 FILE …）生成到 output/\n"
        "  build.py ingest RAW …      把抓取的原始网页整理为 content/*.md，并附报告\n"
        "  build.py ingest FILE.docx  把修改过的讲话稿（或任何 Word 文件）收回到 content/\n"
        "                             （见 `build.py ingest --help`）\n"
        "  build.py watch             持续运行；文件一保存，就重新生成受影响的部分\n"
        "  build.py serve [--port N]  同上，另在 http://127.0.0.1:N/ 打开工作台页面：\n"
        "                             添加讲话稿、填写占位符、修改、编排汇编、\n"
        "                             下载、收回修改过的 DOCX\n",
    "Stay running and rebuild what each saved change touches (content/, templates/, fonts/, handout.toml): one line per rebuild. Ctrl-C ends it.":
        "持续运行，每保存一处修改，就重新生成受影响的部分（content/、templates/、fonts/、handout.toml）：每次生成一行。按 Ctrl-C 结束。",
    "`watch`, plus the workbench page on http://127.0.0.1:PORT/ (this machine only): every handout with its status and pages; add a speech, fix its front matter and text, fill its placeholders, arrange the 汇编, download the files, take back an edited DOCX. It updates itself after each rebuild.":
        "即 `watch`，另加 http://127.0.0.1:PORT/ 上的工作台页面（仅限本机）：每篇讲话稿及其状态和页面；添加讲话稿、修改文件头和正文、填写占位符、编排汇编、下载文件、收回修改过的 DOCX。每次生成后页面自动更新。",
    "Clean raw scraped speech pages (UTF-8, GBK/GB18030, UTF-16) into one Markdown file per speech, plus a report of every line dropped or changed (content/_reports/). Hand-edited content files are not overwritten without --force. A .docx built by build.py and edited in Word, WPS or LibreOffice goes back to its content file(s), with a report of every change; any other Word file (.docx, or .doc/.wps through LibreOffice) or a PDF with a text layer is cleaned as a raw page, with what its layout says (headings, numbering, title block, page furniture). Each copy is merged with the content file as it is now, so several reviewers' copies all come back; where a copy and the file changed the same sentence differently, the file keeps its text there and the report shows both.":
        "把抓取的原始讲话网页（UTF-8、GBK/GB18030、UTF-16）整理为每篇讲话一个 Markdown 文件，并附报告，列出删去或改动的每一行（content/_reports/）。手工修改过的内容文件，不用 --force 不会被覆盖。由 build.py 生成、在 Word、WPS 或 LibreOffice 中修改过的 .docx 收回到其内容文件，并报告每处修改；其他 Word 文件（.docx，或经 LibreOffice 的 .doc/.wps）或有文字层的 PDF 按原始网页整理，并利用其版式信息（标题、编号、标题部分、页面附属内容）。每份副本都与内容文件现在的样子合并，因此几位审稿人的副本都能收回；副本和文件对同一句话改得不同时，该处保留文件的文字，报告中两者并列。",
    "exit status: 0 done; {refused} refused (one line says why; nothing written); {conflict} merged, but with conflicts where today's text was kept (listed side by side in the report; decide them with --theirs or --ours)":
        "退出状态：0 完成；{refused} 拒绝（一行说明原因；未写入任何内容）；{conflict} 已合并，但有冲突，冲突处保留了现在的文字（在报告中并列；用 --theirs 或 --ours 决定）",
    "content files to build (default: all of content/)": "要生成的内容文件（默认：content/ 中的全部）",
    "rebuild even when nothing changed": "即使没有改动也重新生成",
    "print only problems": "只显示问题",
    "port on 127.0.0.1 (default: 8000)": "127.0.0.1 上的端口（默认：8000）",
    "build only this format": "只生成这种格式",
    "content folder (default: content/)": "内容文件夹（默认：content/）",
    "output folder (default: output/)": "输出文件夹（默认：output/）",
    "templates folder (default: templates/); a file it lacks comes from the one handout ships with":
        "模板文件夹（默认：templates/）；其中没有的文件取自 handout 自带的模板文件夹",
    "fonts folder (default: fonts/); likewise": "字体文件夹（默认：fonts/）；同上",
    "theme file (default: theme.yaml)": "主题文件（默认：theme.yaml）",
    "a speech's template (default: handout.xml.j2)": "讲话稿的模板（默认：handout.xml.j2）",
    "the booklet's template (default: booklet.xml.j2); these three are looked up in the templates folder, then in the one handout ships with":
        "汇编的模板（默认：booklet.xml.j2）；这三项先在模板文件夹中查找，再在 handout 自带的文件夹中查找",
    "parallel builds (default: number of cores)": "同时生成的数量（默认：处理器核数）",
    "also output/<booklet>-imposed.pdf: the booklet on A3 sheets, saddle-stitch order, duplex flipped on the short edge":
        "另生成 output/<汇编>-imposed.pdf：拼在 A3 纸上的汇编，骑马订顺序，双面短边翻转",
    "heading levels the contents list, 1-4 (default: 2)": "目录列出的标题级数，1-4（默认：2）",
    "treat warnings as errors": "把警告当作错误",
    "show tracebacks for errors": "出错时显示调用栈",
    "raw page(s), Word/WPS file(s) (.docx, .doc, .wps) or PDF(s) to ingest": "要导入的原始网页、Word/WPS 文件（.docx、.doc、.wps）或 PDF",
    "where to write the speeches (default: content/)": "讲话稿写到哪里（默认：content/）",
    "overwrite hand-edited content files (a .docx: its text replaces the file, nothing merged)":
        "覆盖手工修改过的内容文件（.docx：用其文字替换该文件，不合并）",
    "--accept-changes applies a Word file's tracked changes, all of them; --accept-changes=AUTHOR that person's (may be given again for another). By default none is applied and each is listed in the report":
        "--accept-changes 应用 Word 文件中的全部修订；--accept-changes=AUTHOR 只应用此人的（可多次给出）。默认不应用任何修订，每处修订都列在报告中",
    "conflicts: take the copy's text": "冲突处：采用送审稿的文字",
    "conflicts: keep the content file's text (exit status 0)": "冲突处：保留内容文件的文字（退出状态 0）",
    "a raw page's headings numbered with a slip (一、 then 三、, …) are an error: nothing is written":
        "原始网页中标题编号有误（一、之后是三、等）即为错误：不写入任何内容",
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 出错: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",

    # files, folders, settings, the theme, templates, fonts
    "cannot read: {why}": "无法读取：{why}",
    "cannot write: {why}": "无法写入：{why}",
    "No such file or directory": "没有这个文件或文件夹",
    "Permission denied": "没有权限",
    "Operation not permitted": "不允许此操作",
    "Is a directory": "这是文件夹，不是文件",
    "Not a directory": "路径中有一部分不是文件夹",
    "No space left on device": "磁盘已满",
    "Read-only file system": "磁盘只读",
    "not a file (a device or a folder): give a saved page or document": "不是文件（是设备或文件夹）：请给出保存下来的网页或文档",
    "the file is bigger than {limit} MB: too big for a speech (a speech page is well under 5 MB)":
        "文件大于 {limit} MB，作为讲话稿过大（一篇讲话的网页远小于 5 MB）",
    "the file is bigger than {limit} MB: too big for a speech (save it without its images)":
        "文件大于 {limit} MB，作为讲话稿过大（请去掉图片后另存）",
    "the file is empty": "文件是空的",
    "no such content file": "没有这个内容文件",
    "the name {stem!r} would put output outside the output folder": "名称 {stem!r} 会把生成的文件放到输出文件夹之外",
    "two inputs would write {slug}.*: the speech {slug}.md and the booklet (`slug:`); choose another slug":
        "讲话稿 {slug}.md 和汇编（`slug:`）都会写入 {slug}.*：请为汇编另取 slug",
    "two inputs would write {name}: {first} and {second}": "{first} 和 {second} 都会写入 {name}",
    "bad TOML: {why}": "TOML 格式有误：{why}",
    "unknown setting(s): {names} (known: {known})": "未知的设置：{names}（可用的设置：{known}）",
    "{name} must be {wanted}, not {value!r}": "{name} 应为{wanted}，而不是 {value!r}",
    "a folder (text)": "文件夹（文字）",
    "a file name in the templates folder (text)": "模板文件夹中的文件名（文字）",
    'a list of formats ({names}), e.g. ["pdf"]': '格式列表（{names}），例如 ["pdf"]',
    "a whole number, at least 1": "不小于 1 的整数",
    "a whole number from 1 to {high}": "1 到 {high} 之间的整数",
    "true or false": "true 或 false",
    "{name}: no such folder: {folder}": "{name}：没有这个文件夹：{folder}",
    "{name}: {problem}": "{name}：{problem}",
    "no {name} in {folders}": "在 {folders} 中找不到 {name}",
    "must be a whole number of seconds since 1970-01-01, not {value!r}": "应为自 1970-01-01 起的整秒数，而不是 {value!r}",
    "cannot read theme: {why}": "无法读取主题：{why}",
    "the theme is not UTF-8": "主题文件不是 UTF-8 编码",
    "bad YAML: {problem}": "YAML 格式有误：{problem}",
    "mapping values are not allowed in this context": "此处不能写“键: 值”（冒号后有空格的值请加引号）",
    "mapping values are not allowed here": "此处不能写“键: 值”（冒号后有空格的值请加引号）",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合？）",
    "found a tab character that violates indentation": "缩进中有制表符（请用空格）",
    "did not find expected ',' or ']'": "没有找到应有的 ',' 或 ']'（方括号没有闭合？）",
    "did not find expected ',' or '}'": "没有找到应有的 ',' 或 '}'（花括号没有闭合？）",
    "did not find expected '-' indicator": "没有找到应有的 '-'（列表项与键混在一起？）",
    "found undefined alias": "引用了未定义的别名（以 * 开头的值请加引号）",
    "did not find expected key": "没有找到应有的键（引号后面多了文字？）",
    "could not find expected ':'": "没有找到应有的 ':'",
    "found character that cannot start any token": "有不能出现在此处的字符（如 @ 或 `，请给值加引号）",
    "`roles.{name}` is missing (a template uses role {name!r})": "缺少 `roles.{name}`（模板用到了角色 {name!r}）",
    "`{key}` is missing": "缺少 `{key}`",
    "`{key}` must be `key: value` lines": "`{key}` 应为 `键: 值` 形式的若干行",
    "`{key}` must be a number above {low:g}, not {value!r}": "`{key}` 应为大于 {low:g} 的数，而不是 {value!r}",
    "`{key}` must be a number of at least {low:g}, not {value!r}": "`{key}` 应为不小于 {low:g} 的数，而不是 {value!r}",
    "`{key}` must be a whole number from {low} to {high}, not {value!r}": "`{key}` 应为 {low} 到 {high} 之间的整数，而不是 {value!r}",
    "`{key}` must be one of {known}, not {value!r}": "`{key}` 应为 {known} 之一，而不是 {value!r}",
    "`{key}` must be a list of file names": "`{key}` 应为文件名列表",
    "`{key}` left + right ({sum:g} mm) leave no type area on a page {width:g} mm wide":
        "`{key}`：左右边距之和（{sum:g} 毫米）使 {width:g} 毫米宽的页面没有版心",
    "`{key}` top + bottom ({sum:g} mm) leave no type area on a page {height:g} mm high":
        "`{key}`：上下边距之和（{sum:g} 毫米）使 {height:g} 毫米高的页面没有版心",
    '`{key}` must be text holding {n} once, such as "— {n} —", "- {n} -" or "第{n}页", not {form!r}':
        '`{key}` 应为含一次 {n} 的文字，如 "— {n} —"、"- {n} -" 或 "第{n}页"，而不是 {form!r}',
    "`{key}` names no font role": "`{key}` 没有列出任何字体角色",
    "`{key}` must be a list of font roles": "`{key}` 应为字体角色列表",
    "`{key}` names {name!r}, which is not under `fonts`": "`{key}` 列出的 {name!r} 不在 `fonts` 之下",
    # task 27: the Latin face of the house style (theme.yaml `latin:`)
    "`{key}` must be null or a font role under `fonts` ({roles}), not {name!r}":
        "`{key}` 应为 null 或 `fonts` 之下的一个字体角色（{roles}），而不是 {name!r}",
    "`{key}` has no {missing} (the templates and writers set text in every one of: {required})":
        "`{key}` 缺少 {missing}（模板和输出程序要用到以下每一项：{required}）",
    "template syntax: {why}": "模板语法错误：{why}",
    "template not found: {name}": "找不到模板：{name}",
    "template refused by the sandbox: {why}": "模板被沙箱拒绝：{why}",
    "template: {why}": "模板：{why}",
    "the template produced malformed XML: {why}": "模板生成的 XML 格式有误：{why}",
    "the template produced an unknown element <{tag}>": "模板生成了未知元素 <{tag}>",
    '<{tag} {name}="{value}">: a whole number is needed': '<{tag} {name}="{value}">：此处应为整数',
    "character {ch!r} ({code}) is in none of the fonts": "字符 {ch!r}（{code}）在所有字体中都没有",
    "no font for the {role} role: put one of {names} into the fonts folder": "`{role}` 没有可用字体：请把 {names} 之一放入 fonts 文件夹",
    "cannot use this font: {why}": "无法使用此字体：{why}",
    "cannot use this font: {why} (CFF/OpenType outlines: convert to TrueType, see fonts/README.md)":
        "无法使用此字体：{why}（CFF/OpenType 轮廓：请转换为 TrueType，见 fonts/README.md）",
    "cannot read this font: {why}": "无法读取此字体：{why}",
    "cannot use this reference document: {why}": "无法使用此参考文档：{why}",
    "{ch!r} ({code}) is not in the {role} font; set in {found}": "{ch!r}（{code}）不在 `{role}` 字体中，改用 `{found}` 排出",
    "the running header ({count} characters) is wider than the type area: set at {size:.1f} pt; a shorter `header:` or title reads better":
        "页眉（{count} 字）比版心宽：已改用 {size:.1f} 磅字号；`header:` 或标题短一些更好读",
    "the running header ({count} characters) is wider than the type area: cut to fit at {size:.1f} pt; a shorter `header:` or title reads better":
        "页眉（{count} 字）比版心宽：已截短并改用 {size:.1f} 磅字号；`header:` 或标题短一些更好读",

    # content files: front matter, body, the collection
    "the file is {size:.1f} MB; a speech over {limit} MB is refused (split it into several files)":
        "文件为 {size:.1f} MB；超过 {limit} MB 的讲话稿不予处理（请拆成几个文件）",
    "the file is UTF-16; save it as UTF-8": "文件是 UTF-16 编码；请另存为 UTF-8",
    "not UTF-8 (GBK?): save the file as UTF-8, or run it through `build.py ingest`":
        "不是 UTF-8 编码（GBK？）：请另存为 UTF-8，或用 `build.py ingest` 导入",
    "non-character {code} in the text": "正文中有非字符 {code}",
    "control character {code} in the text": "正文中有控制字符 {code}",
    "no front matter: the file must start with a `---` line, then `title: …`, then `---`":
        "没有文件头：文件须以 `---` 行开始，接着 `title: …`，再以 `---` 行结束",
    "the speech has no text after the front matter": "文件头之后没有讲话正文",
    "front matter": "文件头",
    "the collection": "汇编文件",
    "bad YAML in {what}: {problem}": "{what}的 YAML 格式有误：{problem}",
    "{what} must be `key: value` lines": "{what}应为 `键: 值` 形式的若干行",
    "a key must be a plain name (`title:`)": "键必须是简单的名称（如 `title:`）",
    "`{key}` is given twice, on lines {first} and {second}; keep one": "`{key}` 出现了两次（第 {first} 行和第 {second} 行）；请只保留一个",
    "unknown front-matter key {key!r} (known: {known})": "文件头中有未知的键 {key!r}（可用的键：{known}）",
    "`{key}` must be text, not list": "`{key}` 应为文字，而不是列表",
    "`{key}` must be text, not mapping": "`{key}` 应为文字，而不是映射",
    "`{comment}` is a YAML comment, so `{key}` prints as {value!r}; put the value in quotes to print it all":
        "`{comment}` 是 YAML 注释，因此 `{key}` 只印出 {value!r}；要全部印出，请给值加上引号",
    "front matter has no `title:`": "文件头中没有 `title:`",
    "`title` is blank: a handout needs a title": "`title` 是空的：讲话稿需要标题",
    "`{key}` holds the character {code}, which cannot be printed (a control character, surrogate or non-character, from an escape in quotes?): take it out":
        "`{key}` 含有无法印出的字符 {code}（控制字符、代理码位或非字符，来自引号中的转义？）：请删去",
    "`{key}` holds an invisible character {name}: delete it (it prints as nothing and no font has it)":
        "`{key}` 含有不可见字符 {name}：请删去（它印不出来，也没有字体包含它）",
    "`order` must be a whole number, not {text!r}": "`order` 应为整数，而不是 {text!r}",
    "`date`: there is no such date as {text!r}": "`date`：没有 {text!r} 这个日期",
    "heading level {level} (`{marks}`): a speech has four levels, `#` (一、) to `####` (（1）)":
        "第 {level} 级标题（`{marks}`）：讲话稿只有四级标题，`#`（一、）到 `####`（（1））",
    "an invisible character {name}, column {column}: delete it (it prints as nothing and no font has it)":
        "不可见字符 {name}（第 {column} 列）：请删去（它印不出来，也没有字体包含它）",
    "an invisible character {name}: delete it (it prints as nothing and no font has it)":
        "不可见字符 {name}：请删去（它印不出来，也没有字体包含它）",
    "not UTF-8: save the collection file as UTF-8": "不是 UTF-8 编码：请把汇编文件另存为 UTF-8",
    "the collection file is empty; it needs at least `title:`": "汇编文件是空的；至少需要 `title:`",
    "unknown key `{key}` (known: {known})": "未知的键 `{key}`（可用的键：{known}）",
    "the collection needs `title:`": "汇编文件需要 `title:`",
    "`{key}:` has no value (give one, or delete the line)": "`{key}:` 没有值（请填写，或删去这一行）",
    "`{key}` must be true or false, not a list or mapping": "`{key}` 应为 true 或 false，而不是列表或映射",
    "`{key}` must be text, not a list or mapping": "`{key}` 应为文字，而不是列表或映射",
    "`odd_pages` must be true or false, not {value!r}": "`odd_pages` 应为 true 或 false，而不是 {value!r}",
    "`back_cover` must be one of {known}, not {value!r}": "`back_cover` 应为 {known} 之一，而不是 {value!r}",
    "`order` must be a list of speech names, e.g. [2022-kaiban, 2022-jieye]": "`order` 应为讲话稿名称列表，例如 [2022-kaiban, 2022-jieye]",
    "`order` names {name!r}, which is not a speech in {folder}/": "`order` 中的 {name!r} 不是 {folder}/ 中的讲话稿",
    "`order` names {name!r} twice": "`order` 中 {name!r} 出现了两次",

    # the headings' numbering
    "heading “{text}” (level {level}) follows “{parent_text}” (level {parent}) with no level-{above} heading between":
        "标题“{text}”（第 {level} 级）紧跟在“{parent_text}”（第 {parent} 级）之后，中间缺少第 {above} 级标题",
    "heading “{text}” (level {level}) is under no level-{above} heading": "标题“{text}”（第 {level} 级）不在任何第 {above} 级标题之下",
    "heading “{text}” is numbered {written} after “{before}”: {expected} is expected":
        "标题“{text}”在“{before}”之后编为 {written}：应为 {expected}",
    "heading “{text}” is numbered {written} as the first under “{parent_text}”: {expected} is expected":
        "标题“{text}”是“{parent_text}”下的第一个，编为 {written}：应为 {expected}",
    "heading “{text}” is numbered {written} as the first: {expected} is expected":
        "标题“{text}”是第一个，编为 {written}：应为 {expected}",
    "{problem} (--strict)": "{problem}（--strict）",
    **ZH_INGEST,
}
