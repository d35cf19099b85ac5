<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DecodeInputCheck</name>
    <message>
        <source>No such folder</source>
        <translation>没有这个文件夹</translation>
    </message>
    <message>
        <source>A file, not a model folder</source>
        <translation>是文件，不是模型文件夹</translation>
    </message>
    <message>
        <source>Not a model folder: it has no config.json</source>
        <translation>不是模型文件夹：没有 config.json</translation>
    </message>
    <message>
        <source>Its config.json cannot be read: %1</source>
        <translation>无法读取其 config.json：%1</translation>
    </message>
    <message>
        <source>Shikra</source>
        <translation>Shikra</translation>
    </message>
    <message>
        <source>Not a multimodal LLM: its config.json says model_type “%1”</source>
        <translation>不是多模态 LLM：其 config.json 的 model_type 为“%1”</translation>
    </message>
    <message>
        <source>Dense Connector (LLaVA)</source>
        <translation>Dense Connector（LLaVA）</translation>
    </message>
    <message>
        <source>M3 (LLaVA)</source>
        <translation>M3（LLaVA）</translation>
    </message>
    <message>
        <source>MMVP (LLaVA + DINOv2)</source>
        <translation>MMVP（LLaVA + DINOv2）</translation>
    </message>
    <message>
        <source>LLaVA-NeXT</source>
        <translation>LLaVA-NeXT</translation>
    </message>
    <message>
        <source>LLaVA</source>
        <translation>LLaVA</translation>
    </message>
    <message>
        <source>No such file or folder</source>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>Not a folder of encoders: it has no clip_224/last.pth or dino_224/last.pth</source>
        <translation>不是编码器文件夹：没有 clip_224/last.pth 或 dino_224/last.pth</translation>
    </message>
    <message>
        <source>ME folder (clip + dino)</source>
        <translation>ME 文件夹（clip + dino）</translation>
    </message>
    <message>
        <source>Not a brain encoder: it has no lin2 (voxels → tokens) weights</source>
        <translation>不是脑编码器：没有 lin2（体素 → 词元）权重</translation>
    </message>
</context>
<context>
    <name>ElementHighlighter</name>
    <message>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>关系</translation>
    </message>
</context>
<context>
    <name>FigureExporter</name>
    <message>
        <source>Figure exported by VINDEX Studio</source>
        <translation>由 VINDEX Studio 导出的图形</translation>
    </message>
    <message>
        <source>Cannot export %1: choose a .png or .svg file</source>
        <translation>无法导出 %1：请选择 .png 或 .svg 文件</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>nothing was drawn</source>
        <translation>未绘制任何内容</translation>
    </message>
</context>
<context>
    <name>ResultLoader</name>
    <message>
        <source>%1 captions scored against %2</source>
        <translation>已将 %1 条描述与 %2 对照评分</translation>
    </message>
    <message>
        <source>Manifest: %1</source>
        <translation>清单：%1</translation>
    </message>
    <message>
        <source>%1 (boxes)</source>
        <translation>%1（标注框）</translation>
    </message>
    <message>
        <source>%1: %2 %3, IoU %4 (%5 targets, %6 without a decoded box)</source>
        <translation>%1：%2 %3，IoU %4（%5 个目标，%6 个没有解码框）</translation>
    </message>
    <message>
        <source>Elements and CAPTURE: scene graphs from %1, sentence encoder %2</source>
        <translation>元素与 CAPTURE：场景图来自 %1，句子编码器 %2</translation>
    </message>
    <message>
        <source>SentenceS: sentence encoder %1</source>
        <translation>SentenceS：句子编码器 %1</translation>
    </message>
    <message>
        <source>%1: %2 of its %3 captions have no reference in %4 (%5 trials), which holds only %6 of its ids: it was decoded for another dataset, and scores against these references would mean nothing. Open its dataset (or set its BrainHub folder) to score it.</source>
        <translation>%1：其 %3 条描述中有 %2 条在 %4（%5 个试次）中没有参考，该文件只包含其 %6 个编号：它是为另一个数据集解码的，用这些参考评分毫无意义。请打开它的数据集（或设置其 BrainHub 文件夹）后再评分。</translation>
    </message>
    <message>
        <source>%1 of its %2 captions have no reference in the open dataset and are not scored</source>
        <translation>其 %2 条描述中有 %1 条在已打开的数据集中没有参考，未评分</translation>
    </message>
</context>
<context>
    <name>SessionDocument</name>
    <message>
        <source>not a VINDEX Studio session (expected &quot;format&quot;: &quot;%1&quot;)</source>
        <translation>不是 VINDEX Studio 会话（应为 &quot;format&quot;: &quot;%1&quot;）</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a positive whole number</source>
        <translation>&quot;version&quot; 必须是正整数</translation>
    </message>
    <message>
        <source>session version %1 is newer than this VINDEX Studio reads (%2); update VINDEX Studio</source>
        <translation>会话版本 %1 高于此 VINDEX Studio 可读取的版本（%2）；请更新 VINDEX Studio</translation>
    </message>
    <message>
        <source>&quot;dataset&quot; must be an object</source>
        <translation>&quot;dataset&quot; 必须是对象</translation>
    </message>
    <message>
        <source>&quot;dataset&quot; needs a &quot;root&quot; folder</source>
        <translation>&quot;dataset&quot; 需要一个 &quot;root&quot; 文件夹</translation>
    </message>
    <message>
        <source>&quot;split&quot; must be &quot;train&quot;, &quot;val&quot; or &quot;test&quot;, not &quot;%1&quot;</source>
        <translation>&quot;split&quot; 必须是 &quot;train&quot;、&quot;val&quot; 或 &quot;test&quot;，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;results&quot; must be a list of files</source>
        <translation>&quot;results&quot; 必须是文件列表</translation>
    </message>
    <message>
        <source>Cannot open session %1: %2</source>
        <translation>无法打开会话 %1：%2</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>%1 bytes is too large for a session file</source>
        <translation>%1 字节对于会话文件而言过大</translation>
    </message>
    <message>
        <source>invalid JSON at byte %1: %2</source>
        <translation>第 %1 字节处 JSON 无效：%2</translation>
    </message>
    <message>
        <source>not a VINDEX Studio session (expected a JSON object)</source>
        <translation>不是 VINDEX Studio 会话（应为 JSON 对象）</translation>
    </message>
    <message>
        <source>Cannot save session %1: %2</source>
        <translation>无法保存会话 %1：%2</translation>
    </message>
</context>
<context>
    <name>SpaceOptions</name>
    <message>
        <source>SE — single vision encoder (LLaVA)</source>
        <translation>SE — 单一视觉编码器（LLaVA）</translation>
    </message>
    <message>
        <source>ME — multiple encoders (MMVP: CLIP + DINOv2)</source>
        <translation>ME — 多个编码器（MMVP：CLIP + DINOv2）</translation>
    </message>
    <message>
        <source>AF — aggregated features (Dense Connector)</source>
        <translation>AF — 聚合特征（Dense Connector）</translation>
    </message>
    <message>
        <source>NF — nested features (M3)</source>
        <translation>NF — 嵌套特征（M3）</translation>
    </message>
    <message>
        <source>Shikra</source>
        <translation>Shikra</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>模型默认值</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个词元</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudioCommandLine</name>
    <message>
        <source>VINDEX Studio: decode what a person saw from fMRI.</source>
        <translation>VINDEX Studio：从 fMRI 数据中解码人所看到的内容。</translation>
    </message>
    <message>
        <source>A NIfTI volume (.nii, .nii.gz) to open.</source>
        <translation>要打开的 NIfTI 体数据（.nii、.nii.gz）。</translation>
    </message>
    <message>
        <source>Render the window with the volume, save it as a PNG image and exit (needs a display, e.g. under xvfb-run).</source>
        <translation>绘制带有体数据的窗口，保存为 PNG 图像后退出（需要显示环境，例如在 xvfb-run 下运行）。</translation>
    </message>
    <message>
        <source>png</source>
        <translation>png</translation>
    </message>
    <message>
        <source>Window size for --screenshot, e.g. 1280x800.</source>
        <translation>--screenshot 使用的窗口大小，例如 1280x800。</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>宽x高</translation>
    </message>
    <message>
        <source>Keep settings in this INI file instead of the user&apos;s settings (also: $VINDEX_STUDIO_SETTINGS).</source>
        <translation>将设置保存在此 INI 文件中，而不是用户设置中（也可用 $VINDEX_STUDIO_SETTINGS）。</translation>
    </message>
    <message>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>expected at most one file to open, got %1</source>
        <translation>最多只能打开一个文件，实际给出 %1 个</translation>
    </message>
    <message>
        <source>--size expects WIDTHxHEIGHT such as 1280x800, got &quot;%1&quot;</source>
        <translation>--size 需要“宽x高”格式，例如 1280x800，实际为“%1”</translation>
    </message>
    <message>
        <source>--size must be between 200x150 and 16384x16384, got %1</source>
        <translation>--size 必须介于 200x150 和 16384x16384 之间，实际为 %1</translation>
    </message>
    <message>
        <source>--size applies only together with --screenshot</source>
        <translation>--size 只能与 --screenshot 一起使用</translation>
    </message>
    <message>
        <source>Open an NSD dataset folder (webdataset, MindEye2 or native layout) with its first subject&apos;s test split.</source>
        <translation>打开一个 NSD 数据集文件夹（webdataset、MindEye2 或原生布局），显示其第一个被试的测试划分。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>--dataset expects a folder</source>
        <translation>--dataset 需要一个文件夹</translation>
    </message>
    <message>
        <source>Restore a saved session (.vindex.json): dataset, selection, layout, brain view, results.</source>
        <translation>恢复已保存的会话（.vindex.json）：数据集、选择、布局、大脑视图、结果。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>--session expects a session file</source>
        <translation>--session 需要一个会话文件</translation>
    </message>
    <message>
        <source>give one of a volume file, --dataset or --session</source>
        <translation>只能给出体数据文件、--dataset 或 --session 中的一项</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>VINDEX Studio needs OpenGL 3.2 or newer for its 3D views, and this display does not provide it. Under a remote or headless session, run it through xvfb-run.</source>
        <translation>VINDEX Studio 的 3D 视图需要 OpenGL 3.2 或更高版本，而当前显示环境不支持。在远程或无显示器的会话中，请通过 xvfb-run 运行。</translation>
    </message>
    <message>
        <source>VINDEX Studio</source>
        <translation>VINDEX Studio</translation>
    </message>
</context>
<context>
    <name>vindex::studio::AboutDialog</name>
    <message>
        <source>VINDEX Studio</source>
        <translation>VINDEX Studio</translation>
    </message>
    <message>
        <source>(built with %1)</source>
        <translation>（构建时使用 %1）</translation>
    </message>
    <message>
        <source>About VINDEX Studio</source>
        <translation>关于 VINDEX Studio</translation>
    </message>
    <message>
        <source>VINDEX Studio %1</source>
        <translation>VINDEX Studio %1</translation>
    </message>
    <message>
        <source>Decode what a person saw from fMRI with multimodal large language models: browse NSD trials, view voxel activations in 3D, caption and ground what was seen, train brain encoders and compare feature spaces.</source>
        <translation>借助多模态大语言模型，从 fMRI 数据中解码人所看到的内容：浏览 NSD 试次，以 3D 方式查看体素激活，为所见内容生成描述并定位，训练脑编码器并比较特征空间。</translation>
    </message>
    <message>
        <source>Built with these libraries:</source>
        <translation>使用以下库构建：</translation>
    </message>
    <message>
        <source>Copy Versions</source>
        <translation>复制版本信息</translation>
    </message>
</context>
<context>
    <name>vindex::studio::BrainController</name>
    <message>
        <source>Change Threshold</source>
        <translation>更改阈值</translation>
    </message>
    <message>
        <source>Change Colour Map</source>
        <translation>更改色图</translation>
    </message>
    <message>
        <source>Change Threshold Mode</source>
        <translation>更改阈值模式</translation>
    </message>
    <message>
        <source>Change Range</source>
        <translation>更改范围</translation>
    </message>
    <message>
        <source>Change Fading</source>
        <translation>更改淡化</translation>
    </message>
    <message>
        <source>Show Mean Betas</source>
        <translation>显示平均 β 值</translation>
    </message>
    <message>
        <source>Show Repeat %1</source>
        <translation>显示第 %1 次重复</translation>
    </message>
    <message>
        <source>Move Cursor</source>
        <translation>移动光标</translation>
    </message>
    <message>
        <source>voxel (%1, %2, %3) · (%4, %5, %6) mm</source>
        <translation>体素 (%1, %2, %3) · (%4, %5, %6) mm</translation>
    </message>
    <message>
        <source>%1 · outside the ROI</source>
        <translation>%1 · 位于 ROI 之外</translation>
    </message>
    <message>
        <source>ROI voxel %1 · %2 · β = %3</source>
        <translation>ROI 体素 %1 · %2 · β = %3</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>vindex::studio::DatasetController</name>
    <message>
        <source>The T1 image (%1 × %2 × %3) is not on the ROI&apos;s grid (%4 × %5 × %6); the ROI is shown instead.</source>
        <translation>T1 图像（%1 × %2 × %3）不在 ROI 的网格（%4 × %5 × %6）上；改为显示 ROI。</translation>
    </message>
    <message>
        <source>The T1 image cannot be read (%1); the ROI is shown instead.</source>
        <translation>无法读取 T1 图像（%1）；改为显示 ROI。</translation>
    </message>
    <message>
        <source>No T1 image on the functional grid (%1); the ROI is shown instead.</source>
        <translation>功能网格上没有 T1 图像（%1）；改为显示 ROI。</translation>
    </message>
    <message>
        <source>Subject %1 has no native NSD layout here, so its voxels have no position in the brain: the 3D view needs nsddata/ppdata/subj%2/func1pt8mm/roi/nsdgeneral.nii.gz.</source>
        <translation>被试 %1 在此没有原生 NSD 布局，其体素在脑中没有位置：三维视图需要 nsddata/ppdata/subj%2/func1pt8mm/roi/nsdgeneral.nii.gz。</translation>
    </message>
    <message>
        <source>Ground-truth boxes are known for the test split only (BrainHub).</source>
        <translation>只有测试划分有真实标注框（BrainHub）。</translation>
    </message>
    <message>
        <source>No BrainHub boxes: choose BrainHub&apos;s folder in the settings, or keep it as brainhub/ inside the dataset.</source>
        <translation>没有 BrainHub 标注框：请在设置中选择 BrainHub 文件夹，或将其放在数据集中的 brainhub/。</translation>
    </message>
    <message>
        <source>BrainHub&apos;s boxes end at test index %1.</source>
        <translation>BrainHub 的标注框止于测试索引 %1。</translation>
    </message>
    <message>
        <source>COCO boxes from BrainHub (%1)</source>
        <translation>来自 BrainHub 的 COCO 标注框（%1）</translation>
    </message>
    <message>
        <source>β (z, per session)</source>
        <translation>β（z 分数，按会话）</translation>
    </message>
    <message>
        <source>Mean β (z, per session)</source>
        <translation>平均 β（z 分数，按会话）</translation>
    </message>
    <message>
        <source>β, repeat %1 of %2 (z, per session)</source>
        <translation>β，第 %1 次重复（共 %2 次）（z 分数，按会话）</translation>
    </message>
    <message>
        <source>the repeats cannot be read: %1</source>
        <translation>无法读取各次重复：%1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::DatasetPresenter</name>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Opening dataset…</source>
        <translation>正在打开数据集…</translation>
    </message>
    <message>
        <source>Opening dataset %1</source>
        <translation>正在打开数据集 %1</translation>
    </message>
    <message>
        <source>Opening dataset %1…</source>
        <translation>正在打开数据集 %1…</translation>
    </message>
    <message>
        <source>Opened dataset %1: subjects %2</source>
        <translation>已打开数据集 %1：被试 %2</translation>
    </message>
    <message>
        <source>Test split boxes and captions from BrainHub: %1</source>
        <translation>测试划分的标注框和描述来自 BrainHub：%1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Opened %1 with %2 problems (see the log)</source>
        <translation>已打开 %1，有 %2 个问题（见日志）</translation>
    </message>
    <message>
        <source>%1 — VINDEX Studio</source>
        <translation>%1 — VINDEX Studio</translation>
    </message>
    <message>
        <source>Cannot open dataset %1: %2</source>
        <translation>无法打开数据集 %1：%2</translation>
    </message>
    <message>
        <source>Cannot Open Dataset</source>
        <translation>无法打开数据集</translation>
    </message>
    <message>
        <source>Cannot read the %1 trials of subject %2: %3</source>
        <translation>无法读取被试 %2 的%1试次：%3</translation>
    </message>
    <message>
        <source>Subject %1, %2 split: %3 trials</source>
        <translation>被试 %1，%2划分：%3 个试次</translation>
    </message>
    <message>
        <source>Subject %1 has no %2 trials</source>
        <translation>被试 %1 没有%2试次</translation>
    </message>
    <message>
        <source>No trial matches the filter</source>
        <translation>没有与筛选匹配的试次</translation>
    </message>
    <message>
        <source>No trial selected</source>
        <translation>未选择试次</translation>
    </message>
    <message>
        <source>Cannot read trial %1: %2</source>
        <translation>无法读取试次 %1：%2</translation>
    </message>
    <message>
        <source>Trial %1 · image %2 · %3 · %4 repeats</source>
        <translation>试次 %1 · 图像 %2 · %3 · %4 次重复</translation>
    </message>
    <message>
        <source>Cannot show the stimulus of image %1: %2</source>
        <translation>无法显示图像 %1 的刺激：%2</translation>
    </message>
    <message>
        <source>The betas of trial %1 are not on the grid of the volume shown</source>
        <translation>试次 %1 的 β 值不在所显示体数据的网格上</translation>
    </message>
    <message>
        <source>Cannot show the betas of trial %1: %2</source>
        <translation>无法显示试次 %1 的 β 值：%2</translation>
    </message>
    <message>
        <source>Select Trial %1</source>
        <translation>选择试次 %1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::DatasetToolBar</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>被试(&amp;S)：</translation>
    </message>
    <message>
        <source>The NSD subject whose trials are shown</source>
        <translation>显示其试次的 NSD 被试</translation>
    </message>
    <message>
        <source>S&amp;plit:</source>
        <translation>划分(&amp;P)：</translation>
    </message>
    <message>
        <source>Training, validation or test trials (the test split is the one BrainHub evaluates)</source>
        <translation>训练、验证或测试试次（BrainHub 评估的是测试划分）</translation>
    </message>
    <message>
        <source>Subject %1</source>
        <translation>被试 %1</translation>
    </message>
    <message>
        <source>%1 (%2 trials)</source>
        <translation>%1（%2 个试次）</translation>
    </message>
</context>
<context>
    <name>vindex::studio::DecodeJob</name>
    <message>
        <source>Model %1, space %2, device %3</source>
        <translation>模型 %1，特征空间 %2，设备 %3</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Results %1</source>
        <translation>结果 %1</translation>
    </message>
    <message>
        <source>%1 of %2 captions</source>
        <translation>%1 / %2 条描述</translation>
    </message>
    <message>
        <source>Decoding…</source>
        <translation>正在解码…</translation>
    </message>
    <message numerus="yes">
        <source>%n caption(s)</source>
        <translation>
            <numerusform>%n 条描述</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 from an earlier run</source>
        <translation>，其中 %1 条来自之前的运行</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::DecodePanel</name>
    <message>
        <source>Multimodal LLM Folder</source>
        <translation>多模态大语言模型文件夹</translation>
    </message>
    <message>
        <source>Shikra — grounding (boxes)</source>
        <translation>Shikra — 定位（标注框）</translation>
    </message>
    <message>
        <source>An image file</source>
        <translation>一个图像文件</translation>
    </message>
    <message>
        <source>Brain Encoder Checkpoint</source>
        <translation>脑编码器检查点</translation>
    </message>
    <message>
        <source>Brain encoders (*.safetensors *.pth);;All files (*)</source>
        <translation>脑编码器 (*.safetensors *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>未打开数据集</translation>
    </message>
    <message>
        <source>e.g. a dog; the red car</source>
        <translation>例如 a dog; the red car</translation>
    </message>
    <message>
        <source>Expressions to locate, separated by semicolons</source>
        <translation>要定位的表达式，以英文分号分隔</translation>
    </message>
    <message>
        <source>Every COCO category BrainHub lists for the trial</source>
        <translation>BrainHub 为该试次列出的所有 COCO 类别</translation>
    </message>
    <message>
        <source>Prompts generated together (speed only: greedy text does not depend on it)</source>
        <translation>同时生成的提示数（仅影响速度：贪心解码的文本与此无关）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation>词元数：</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Results Folder</source>
        <translation>结果文件夹</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>Space:</source>
        <translation>特征空间：</translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation>输入(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Encoder:</source>
        <translation>编码器(&amp;E)：</translation>
    </message>
    <message>
        <source>Heads × width:</source>
        <translation>头数 × 宽度：</translation>
    </message>
    <message>
        <source>Ima&amp;ge:</source>
        <translation>图像(&amp;G)：</translation>
    </message>
    <message>
        <source>Trials:</source>
        <translation>试次：</translation>
    </message>
    <message>
        <source>E&amp;xpressions:</source>
        <translation>表达式(&amp;X)：</translation>
    </message>
    <message>
        <source>Decoding:</source>
        <translation>解码参数：</translation>
    </message>
    <message>
        <source>&amp;Results:</source>
        <translation>结果(&amp;R)：</translation>
    </message>
    <message>
        <source>Current Trial</source>
        <translation>当前试次</translation>
    </message>
    <message>
        <source>Decode the trial shown</source>
        <translation>解码所显示的试次</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>所选试次</translation>
    </message>
    <message>
        <source>Decode the trials selected in the trial table (Shift/Ctrl+click)</source>
        <translation>解码试次表中所选的试次（Shift/Ctrl+单击）</translation>
    </message>
    <message>
        <source>Whole Split</source>
        <translation>整个划分</translation>
    </message>
    <message>
        <source>Decode every trial of the split (resumes an earlier run of the same settings)</source>
        <translation>解码该划分中的所有试次（会继续之前使用相同设置的运行）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Load as Result</source>
        <translation>作为结果加载</translation>
    </message>
    <message>
        <source>Load the results file just written beside the other results (compare view, scores)</source>
        <translation>将刚写入的结果文件与其他结果一起加载（比较视图、得分）</translation>
    </message>
    <message>
        <source>Load %1 as a result</source>
        <translation>将 %1 作为结果加载</translation>
    </message>
    <message>
        <source>Decode:</source>
        <translation>解码：</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Not used: an image file is decoded</source>
        <translation>不使用：解码的是图像文件</translation>
    </message>
    <message>
        <source>Open a dataset to decode its trials</source>
        <translation>打开数据集以解码其试次</translation>
    </message>
    <message numerus="yes">
        <source>Subject %1, %2 split · current trial %3 · %n selected</source>
        <translation>
            <numerusform>被试 %1，%2 划分 · 当前试次 %3 · 已选 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Choose the multimodal LLM folder.</source>
        <translation>请选择多模态大语言模型文件夹。</translation>
    </message>
    <message>
        <source>The model folder %1 does not exist.</source>
        <translation>模型文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>Choose a folder for the results.</source>
        <translation>请选择存放结果的文件夹。</translation>
    </message>
    <message>
        <source>Choose an image file.</source>
        <translation>请选择一个图像文件。</translation>
    </message>
    <message>
        <source>The image %1 does not exist.</source>
        <translation>图像 %1 不存在。</translation>
    </message>
    <message>
        <source>Choose the brain encoder checkpoint.</source>
        <translation>请选择脑编码器检查点。</translation>
    </message>
    <message>
        <source>The brain encoder %1 does not exist.</source>
        <translation>脑编码器 %1 不存在。</translation>
    </message>
    <message>
        <source>Open a dataset and choose a subject: its trials are decoded.</source>
        <translation>请打开数据集并选择被试：将解码其试次。</translation>
    </message>
    <message>
        <source>Give expressions to locate, or ground every category BrainHub lists.</source>
        <translation>请给出要定位的表达式，或定位 BrainHub 列出的所有类别。</translation>
    </message>
    <message>
        <source>No trial is selected.</source>
        <translation>未选择试次。</translation>
    </message>
    <message>
        <source>Select trials in the trial table first.</source>
        <translation>请先在试次表中选择试次。</translation>
    </message>
    <message>
        <source>Cannot create the results folder %1.</source>
        <translation>无法创建结果文件夹 %1。</translation>
    </message>
    <message>
        <source>subject %1 %2 split</source>
        <translation>被试 %1 的 %2 划分</translation>
    </message>
    <message>
        <source>subject %1 trial %2</source>
        <translation>被试 %1 试次 %2</translation>
    </message>
    <message numerus="yes">
        <source>subject %1, %n trials</source>
        <translation>
            <numerusform>被试 %1，%n 个试次</numerusform>
        </translation>
    </message>
    <message>
        <source>brain</source>
        <translation>大脑</translation>
    </message>
    <message>
        <source>stimulus</source>
        <translation>刺激</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Shikra boxes · %1 · %2</source>
        <translation>Shikra 标注框 · %1 · %2</translation>
    </message>
    <message>
        <source>%1 captions · %2 · %3</source>
        <translation>%1 描述 · %2 · %3</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>运行中：%1</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <source>Cancelled; finished captions are kept.</source>
        <translation>已取消；已完成的描述会保留。</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Perceiver heads of the encoder; auto: as its checkpoint records it, else 16</source>
        <translation>编码器的 Perceiver 头数；自动：按检查点中的记录，否则为 16</translation>
    </message>
    <message>
        <source>Width per head of the encoder; auto: as its checkpoint records it, else 96</source>
        <translation>编码器每个头的宽度；自动：按检查点中的记录，否则为 96</translation>
    </message>
    <message>
        <source>LLaVA-1.5, LLaVA-NeXT (either layout), MMVP, Dense Connector, M3 or Shikra</source>
        <translation>LLaVA-1.5、LLaVA-NeXT（任一布局）、MMVP、Dense Connector、M3 或 Shikra</translation>
    </message>
    <message>
        <source>NF (M3): about this many visual tokens after pooling. M3 pools a side × side grid with a kernel of int(√(side² / S)) and keeps ⌊side / kernel⌋² tokens, so the count depends on the encoder&apos;s grid: 24 × 24 (CLIP-336) gives 1, 9, 36, 144, 576 tokens; 16 × 16 (a clip_224 brain encoder) gives 1, 9, 64, 256, and 576 is refused, as M3 itself refuses it.</source>
        <translation>NF (M3)：池化后约为此数量的视觉令牌。M3 以 int(√(边长² / S)) 为核对 边长 × 边长 的网格池化，保留 ⌊边长 / 核⌋² 个令牌，因此数量取决于编码器的网格：24 × 24（CLIP-336）得到 1、9、36、144、576 个令牌；16 × 16（clip_224 脑编码器）得到 1、9、64、256，576 被拒绝，与 M3 本身一样。</translation>
    </message>
    <message>
        <source>DINOv2 Weights</source>
        <translation>DINOv2 权重</translation>
    </message>
    <message>
        <source>DINOv2 Folder (Hugging Face layout)</source>
        <translation>DINOv2 文件夹（Hugging Face 布局）</translation>
    </message>
    <message>
        <source>DINOv2 weights (*.pth *.safetensors);;All files (*)</source>
        <translation>DINOv2 权重 (*.pth *.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>ME: DINOv2 as torch.hub weights (dinov2_vitl14_pretrain.pth) or a Hugging Face DINOv2 folder; empty: the model&apos;s mm_dino_tower, else torch.hub&apos;s cache</source>
        <translation>ME：DINOv2 的 torch.hub 权重（dinov2_vitl14_pretrain.pth）或 Hugging Face DINOv2 文件夹；留空：模型的 mm_dino_tower，否则为 torch.hub 缓存</translation>
    </message>
    <message>
        <source>Brain Encoder Folder (clip_224 and dino_224)</source>
        <translation>脑编码器文件夹（clip_224 和 dino_224）</translation>
    </message>
    <message>
        <source>A BrainXS / BrainX checkpoint (.safetensors or UMBRAE .pth), or the method&apos;s folder of encoders (clip_224/last.pth and dino_224/last.pth): ME takes both, the other spaces its CLIP encoder</source>
        <translation>BrainXS / BrainX 检查点（.safetensors 或 UMBRAE .pth），或本方法的编码器文件夹（clip_224/last.pth 和 dino_224/last.pth）：ME 使用两者，其他空间使用其中的 CLIP 编码器</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>The method&apos;s prompts; Shikra models take “simple”, the LLaVA family “detail”</source>
        <translation>本方法的提示词；Shikra 模型使用“simple”，LLaVA 系列使用“detail”</translation>
    </message>
    <message>
        <source>Empty: the method&apos;s prompt for the model</source>
        <translation>留空：本方法针对该模型的提示词</translation>
    </message>
    <message>
        <source>&amp;DINOv2:</source>
        <translation>DINOv2(&amp;D)：</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>提示词：</translation>
    </message>
    <message>
        <source>The DINOv2 weights %1 do not exist.</source>
        <translation>DINOv2 权重 %1 不存在。</translation>
    </message>
    <message>
        <source>LLaVA, MMVP, Dense Connector, M3 or Shikra</source>
        <translation>LLaVA、MMVP、Dense Connector、M3 或 Shikra</translation>
    </message>
    <message>
        <source>Default: the model&apos;s or torch.hub&apos;s</source>
        <translation>默认：模型的或 torch.hub 的</translation>
    </message>
    <message>
        <source>Brain (encoder on voxels)</source>
        <translation>大脑（体素上的编码器）</translation>
    </message>
    <message>
        <source>The trials&apos; voxels through a brain encoder</source>
        <translation>试次的体素经过脑编码器</translation>
    </message>
    <message>
        <source>Stimulus images (upper bound)</source>
        <translation>刺激图像（上限）</translation>
    </message>
    <message>
        <source>The stimulus images of the trials: the upper bound of brain decoding</source>
        <translation>试次的刺激图像：脑解码的上限</translation>
    </message>
    <message>
        <source>BrainXS / BrainX checkpoint or ME folder</source>
        <translation>BrainXS / BrainX 检查点或 ME 文件夹</translation>
    </message>
    <message>
        <source>All BrainHub categories</source>
        <translation>所有 BrainHub 类别</translation>
    </message>
    <message>
        <source>De&amp;vice:</source>
        <translation>设备(&amp;V)：</translation>
    </message>
    <message>
        <source>%1 · made for %2</source>
        <translation>%1 · 适用于 %2</translation>
    </message>
    <message>
        <source>This encoder has no tokenizer for subject %1 (it has subjects %2)</source>
        <translation>此编码器没有被试 %1 的分词器（它有被试 %2）</translation>
    </message>
    <message>
        <source>This encoder takes %1 voxels; subject %2 of the open dataset has %3: choose an encoder trained on this subject</source>
        <translation>此编码器接受 %1 个体素；已打开数据集的被试 %2 有 %3 个：请选择在该被试上训练的编码器</translation>
    </message>
    <message>
        <source>Heads × width is %1 × %2 = %3, but this encoder&apos;s attention is %4 wide: set Heads × width to the split it was trained with (the checkpoint does not record it)</source>
        <translation>头数 × 宽度为 %1 × %2 = %3，但此编码器的注意力宽度为 %4：请将头数 × 宽度设为其训练时的划分（检查点未记录）</translation>
    </message>
    <message>
        <source>%1 voxels</source>
        <translation>%1 个体素</translation>
    </message>
    <message>
        <source>subjects %1</source>
        <translation>被试 %1</translation>
    </message>
    <message>
        <source>%1 × %2 heads (recorded)</source>
        <translation>%1 × %2 头（已记录）</translation>
    </message>
    <message>
        <source>set Heads × width to the split the encoder was trained with</source>
        <translation>请将头数 × 宽度设为编码器训练时的划分</translation>
    </message>
    <message>
        <source>Model: %1.</source>
        <translation>模型：%1。</translation>
    </message>
    <message>
        <source>Encoder: %1.</source>
        <translation>编码器：%1。</translation>
    </message>
</context>
<context>
    <name>vindex::studio::EvaluateJob</name>
    <message>
        <source>Score %1</source>
        <translation>评分 %1</translation>
    </message>
    <message>
        <source>Results %1</source>
        <translation>结果 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n trial(s) scored</source>
        <translation>
            <numerusform>已评分 %n 个试次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vindex::studio::FigureExportDialog</name>
    <message>
        <source>Export Figure</source>
        <translation>导出图形</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>视图(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>大小(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;File (.png or .svg):</source>
        <translation>文件（.png 或 .svg）(&amp;F)：</translation>
    </message>
    <message>
        <source>Choose a view</source>
        <translation>请选择一个视图</translation>
    </message>
    <message>
        <source>Exported figure %1 (%2×%3)</source>
        <translation>已导出图形 %1（%2×%3）</translation>
    </message>
</context>
<context>
    <name>vindex::studio::GroundJob</name>
    <message>
        <source>Model %1, device %2</source>
        <translation>模型 %1，设备 %2</translation>
    </message>
    <message>
        <source>Results %1</source>
        <translation>结果 %1</translation>
    </message>
    <message>
        <source>%1 of %2 questions</source>
        <translation>%1 / %2 个问题</translation>
    </message>
    <message>
        <source>no box</source>
        <translation>无标注框</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n 个回答</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::Job</name>
    <message>
        <source>Decode</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>Ground</source>
        <translation>定位</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>开始于 %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Finished in %1</source>
        <translation>用时 %1 完成</translation>
    </message>
    <message>
        <source>Cancelled after %1</source>
        <translation>%1 后已取消</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>已继续</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>ran %1</source>
        <translation>运行了 %1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::JobOutputTable</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>(from an earlier run of the same settings)</source>
        <translation>（来自之前使用相同设置的运行）</translation>
    </message>
</context>
<context>
    <name>vindex::studio::JobsPanel</name>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause a training job at its next step, or let it go on</source>
        <translation>在下一步暂停训练任务，或让其继续运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the job; finished captions and the training checkpoint are kept</source>
        <translation>停止任务；已完成的描述和训练检查点会保留</translation>
    </message>
    <message>
        <source>Remove Finished</source>
        <translation>移除已结束</translation>
    </message>
    <message>
        <source>Remove the jobs that have ended from the list (their files stay)</source>
        <translation>从列表中移除已结束的任务（其文件会保留）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Decode with Tools ▸ Decode… or train with Tools ▸ Train Brain Encoder…; the jobs run in the background. Select a job to see its loss curve or captions and its log.</source>
        <translation>通过 工具 ▸ 解码… 进行解码，或通过 工具 ▸ 训练脑编码器… 进行训练；任务在后台运行。选择一个任务可查看其损失曲线或描述以及日志。</translation>
    </message>
    <message>
        <source>The selected job&apos;s log</source>
        <translation>所选任务的日志</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Time left while a job runs; how long it ran once it has ended</source>
        <translation>任务运行时为剩余时间；结束后为运行时长</translation>
    </message>
    <message>
        <source>Waiting to start</source>
        <translation>等待开始</translation>
    </message>
    <message>
        <source>Time left, estimated from the pace so far</source>
        <translation>剩余时间，根据目前的速度估计</translation>
    </message>
    <message>
        <source>Time left: not known yet</source>
        <translation>剩余时间：尚不清楚</translation>
    </message>
    <message>
        <source>Paused: no time left is estimated until it goes on</source>
        <translation>已暂停：继续之前不估计剩余时间</translation>
    </message>
    <message>
        <source>How long it ran</source>
        <translation>运行时长</translation>
    </message>
    <message>
        <source>How long it ran before it was cancelled</source>
        <translation>取消前的运行时长</translation>
    </message>
    <message>
        <source>How long it ran before it failed</source>
        <translation>失败前的运行时长</translation>
    </message>
</context>
<context>
    <name>vindex::studio::MainWindow</name>
    <message>
        <source>VINDEX Studio</source>
        <translation>VINDEX Studio</translation>
    </message>
    <message>
        <source>Left button: rotate · Middle button or Shift+left: pan · Right button or wheel: zoom</source>
        <translation>左键：旋转 · 中键或 Shift+左键：平移 · 右键或滚轮：缩放</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>VINDEX Studio %1 ready (Qt %2, VTK %3)</source>
        <translation>VINDEX Studio %1 已就绪（Qt %2，VTK %3）</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>体数据</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Open Volume</source>
        <translation>打开体数据</translation>
    </message>
    <message>
        <source>NIfTI images (*.nii *.nii.gz);;All files (*)</source>
        <translation>NIfTI 图像 (*.nii *.nii.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Cannot Open Volume</source>
        <translation>无法打开体数据</translation>
    </message>
    <message>
        <source>%1 — VINDEX Studio</source>
        <translation>%1 — VINDEX Studio</translation>
    </message>
    <message>
        <source>Opened %1: %2 × %3 × %4 voxels of %5 × %6 × %7 mm, values %8 to %9</source>
        <translation>已打开 %1：%2 × %3 × %4 个体素，体素大小 %5 × %6 × %7 mm，数值范围 %8 至 %9</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>No volume open</source>
        <translation>未打开体数据</translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved screenshot %1</source>
        <translation>已保存截图 %1</translation>
    </message>
    <message>
        <source>Open an NSD dataset with File ▸ Open Dataset… (%1)
or a NIfTI volume with File ▸ Open Volume… (%2),
or drop a folder, .nii or .nii.gz file here.</source>
        <translation>通过 文件 ▸ 打开数据集…（%1）打开 NSD 数据集，
或通过 文件 ▸ 打开体数据…（%2）打开 NIfTI 体数据，
或将文件夹、.nii 或 .nii.gz 文件拖放到此处。</translation>
    </message>
    <message>
        <source>Open a dataset with File ▸ Open Dataset…</source>
        <translation>通过 文件 ▸ 打开数据集… 打开数据集</translation>
    </message>
    <message>
        <source>Trials</source>
        <translation>试次</translation>
    </message>
    <message>
        <source>Stimulus</source>
        <translation>刺激</translation>
    </message>
    <message>
        <source>Open Dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>&amp;Brain</source>
        <translation>大脑(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <source>Click or drag: move the cursor · Up/Down, Page Up/Page Down: step the slice</source>
        <translation>单击或拖动：移动光标 · 上/下、Page Up/Page Down：逐层切换切片</translation>
    </message>
    <message>
        <source>Brain</source>
        <translation>大脑</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Results written: %1</source>
        <translation>结果已写入：%1</translation>
    </message>
    <message>
        <source>Decode</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>Started job: %1</source>
        <translation>已启动任务：%1</translation>
    </message>
    <message>
        <source>Job finished: %1</source>
        <translation>任务已完成：%1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>Job cancelled: %1</source>
        <translation>任务已取消：%1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>Job Failed</source>
        <translation>任务失败</translation>
    </message>
    <message>
        <source>Jobs Are Running</source>
        <translation>有任务正在运行</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) still running. Cancel and quit?</source>
        <translation>
            <numerusform>仍有 %n 个任务在运行。取消并退出？</numerusform>
        </translation>
    </message>
    <message>
        <source>Finished captions stay in their results files, and a training run saves its checkpoint; it can be continued later.</source>
        <translation>已完成的描述会保留在结果文件中，训练运行会保存其检查点，之后可以继续。</translation>
    </message>
    <message>
        <source>Cancel Jobs and Quit</source>
        <translation>取消任务并退出</translation>
    </message>
    <message>
        <source>Keep Running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <source>Stopping jobs…</source>
        <translation>正在停止任务…</translation>
    </message>
    <message>
        <source>Some jobs did not stop in time</source>
        <translation>部分任务未能及时停止</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>已启动：%1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::MainWindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Dataset…</source>
        <translation>打开数据集(&amp;D)…</translation>
    </message>
    <message>
        <source>Open an NSD dataset folder (webdataset, MindEye2 or native layout)</source>
        <translation>打开 NSD 数据集文件夹（webdataset、MindEye2 或原生布局）</translation>
    </message>
    <message>
        <source>&amp;Open Volume…</source>
        <translation>打开体数据(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Save &amp;Screenshot…</source>
        <translation>保存截图(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Trials Panel</source>
        <translation>试次面板(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Stimulus Panel</source>
        <translation>刺激面板(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Volume Panel</source>
        <translation>体数据面板(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Brain Panel</source>
        <translation>大脑面板(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Log Panel</source>
        <translation>日志面板(&amp;L)</translation>
    </message>
    <message>
        <source>D&amp;ecode Panel</source>
        <translation>解码面板(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Jobs Panel</source>
        <translation>任务面板(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Dataset Tool Bar</source>
        <translation>数据集工具栏(&amp;D)</translation>
    </message>
    <message>
        <source>Reset &amp;Camera</source>
        <translation>重置相机(&amp;C)</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>T&amp;rials</source>
        <translation>试次(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find Trials…</source>
        <translation>查找试次(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Next Trial</source>
        <translation>下一个试次(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Trial</source>
        <translation>上一个试次(&amp;P)</translation>
    </message>
    <message>
        <source>Show Ground-Truth &amp;Boxes</source>
        <translation>显示真实标注框(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Decode…</source>
        <translation>解码(&amp;D)…</translation>
    </message>
    <message>
        <source>Caption or ground trials with a brain encoder or their images</source>
        <translation>使用脑编码器或试次图像为试次生成描述或进行定位</translation>
    </message>
    <message>
        <source>&amp;Train Brain Encoder…</source>
        <translation>训练脑编码器(&amp;T)…</translation>
    </message>
    <message>
        <source>Train a brain encoder on the open dataset as a background job</source>
        <translation>以后台任务在已打开的数据集上训练脑编码器</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About VINDEX Studio</source>
        <translation>关于 VINDEX Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>vindex::studio::OpenDatasetJob</name>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>Dataset %1</source>
        <translation>数据集 %1</translation>
    </message>
    <message>
        <source>The BrainHub folder %1 in the settings does not exist.</source>
        <translation>设置中的 BrainHub 文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>BrainHub annotations not used: %1</source>
        <translation>未使用 BrainHub 标注：%1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::RecentFiles</name>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>清空菜单(&amp;C)</translation>
    </message>
</context>
<context>
    <name>vindex::studio::ReportExporter</name>
    <message>
        <source>Load caption results first (File ▸ Load Results…); the report compares their captions</source>
        <translation>请先加载描述结果（文件 ▸ 加载结果…）；报告会比较其中的描述</translation>
    </message>
    <message>
        <source>Caption decoding report</source>
        <translation>描述解码报告</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>HTML report (*.html);;PDF report (*.pdf);;CSV table (*.csv);;JSON (*.json)</source>
        <translation>HTML 报告 (*.html);;PDF 报告 (*.pdf);;CSV 表格 (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot export %1: another report is being written</source>
        <translation>无法导出 %1：正在写入另一份报告</translation>
    </message>
    <message>
        <source>Cannot export %1: %2</source>
        <translation>无法导出 %1：%2</translation>
    </message>
    <message>
        <source>Writing report %1…</source>
        <translation>正在写入报告 %1…</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Exported report %1</source>
        <translation>已导出报告 %1</translation>
    </message>
    <message>
        <source>Report %1 cancelled</source>
        <translation>报告 %1 已取消</translation>
    </message>
</context>
<context>
    <name>vindex::studio::ReportJob</name>
    <message>
        <source>Report %1</source>
        <translation>报告 %1</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>正在写入 %1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::ResultsController</name>
    <message>
        <source>Loading and scoring %1</source>
        <translation>正在加载并评分 %1</translation>
    </message>
    <message>
        <source>Scoring %1…</source>
        <translation>正在评分 %1…</translation>
    </message>
    <message>
        <source>Cannot load results %1: %2</source>
        <translation>无法加载结果 %1：%2</translation>
    </message>
    <message>
        <source>Loaded %1: %2 trials; %3</source>
        <translation>已加载 %1：%2 个试次；%3</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <source>%1 of each trial&apos;s decoded %2 (×100), from %3</source>
        <translation>每个试次解码所得%2的 %1（×100），来自 %3</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>boxes</source>
        <translation>标注框</translation>
    </message>
    <message>
        <source>Load decoding results with File ▸ Load Results… and select a test trial</source>
        <translation>通过 文件 ▸ 加载结果… 加载解码结果，并选择一个测试试次</translation>
    </message>
    <message>
        <source>Results are scored on the test split: choose it and a trial</source>
        <translation>结果在测试划分上评分：请选择测试划分和一个试次</translation>
    </message>
    <message>
        <source>&amp;Load Results…</source>
        <translation>加载结果(&amp;L)…</translation>
    </message>
    <message>
        <source>Decoded captions or boxes (BrainHub&apos;s layout, vindex caption and ground outputs)</source>
        <translation>解码所得的描述或标注框（BrainHub 布局，vindex caption 和 ground 的输出）</translation>
    </message>
    <message>
        <source>Remove All Res&amp;ults</source>
        <translation>移除所有结果(&amp;U)</translation>
    </message>
    <message>
        <source>Trial Table &amp;Score</source>
        <translation>试次表指标(&amp;T)</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;P)…</translation>
    </message>
    <message>
        <source>Export &amp;Figure…</source>
        <translation>导出图形(&amp;F)…</translation>
    </message>
    <message>
        <source>3D brain view</source>
        <translation>三维大脑视图</translation>
    </message>
    <message>
        <source>Stimulus</source>
        <translation>刺激</translation>
    </message>
    <message>
        <source>Compare view</source>
        <translation>比较视图</translation>
    </message>
    <message>
        <source>Compare view: corpus chart</source>
        <translation>比较视图：语料库图表</translation>
    </message>
    <message>
        <source>Compare view: stimulus with decoded boxes</source>
        <translation>比较视图：带解码标注框的刺激</translation>
    </message>
    <message>
        <source>Whole window</source>
        <translation>整个窗口</translation>
    </message>
    <message>
        <source>Load Results</source>
        <translation>加载结果</translation>
    </message>
    <message>
        <source>Decoding results (*.json);;All files (*)</source>
        <translation>解码结果 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Loaded %1 — %2</source>
        <translation>已加载 %1 — %2</translation>
    </message>
    <message>
        <source>%1 (boxes)</source>
        <translation>%1（标注框）</translation>
    </message>
    <message>
        <source>Exported figure %1</source>
        <translation>已导出图 %1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::ScreenshotTask</name>
    <message>
        <source>Screenshot timed out after %1 s</source>
        <translation>截图在 %1 秒后超时</translation>
    </message>
    <message>
        <source>Cannot render the window for the screenshot</source>
        <translation>无法为截图绘制窗口</translation>
    </message>
    <message>
        <source>The window is %1x%2 instead of %3x%4; the screenshot is scaled</source>
        <translation>窗口大小为 %1x%2 而非 %3x%4；截图已缩放</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved screenshot %1 (%2x%3)</source>
        <translation>已保存截图 %1（%2x%3）</translation>
    </message>
</context>
<context>
    <name>vindex::studio::SessionAutosave</name>
    <message>
        <source>Another VINDEX Studio window autosaves its session; this one does not</source>
        <translation>另一个 VINDEX Studio 窗口正在自动保存其会话；此窗口不自动保存</translation>
    </message>
    <message>
        <source>Cannot write %1: %2; the session is not autosaved</source>
        <translation>无法写入 %1：%2；会话不会自动保存</translation>
    </message>
</context>
<context>
    <name>vindex::studio::SessionController</name>
    <message>
        <source>Cannot Save Session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Saved session %1</source>
        <translation>已保存会话 %1</translation>
    </message>
    <message>
        <source>Cannot Open Session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Opening session %1</source>
        <translation>正在打开会话 %1</translation>
    </message>
    <message>
        <source>Cannot open session %1: its dataset %2 cannot be opened: %3</source>
        <translation>无法打开会话 %1：无法打开其数据集 %2：%3</translation>
    </message>
    <message>
        <source>Opened session %1</source>
        <translation>已打开会话 %1</translation>
    </message>
    <message>
        <source>Open S&amp;ession…</source>
        <translation>打开会话(&amp;E)…</translation>
    </message>
    <message>
        <source>Open Recent Sess&amp;ion</source>
        <translation>最近打开的会话(&amp;I)</translation>
    </message>
    <message>
        <source>Save Sessio&amp;n</source>
        <translation>保存会话(&amp;N)</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>VINDEX Studio sessions (*.vindex.json);;All files (*)</source>
        <translation>VINDEX Studio 会话 (*.vindex.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Session As</source>
        <translation>会话另存为</translation>
    </message>
    <message>
        <source>VINDEX Studio sessions (*.vindex.json)</source>
        <translation>VINDEX Studio 会话 (*.vindex.json)</translation>
    </message>
    <message>
        <source>Restore Session</source>
        <translation>恢复会话</translation>
    </message>
    <message>
        <source>VINDEX Studio did not exit cleanly last time. Restore the session autosaved at %1?</source>
        <translation>VINDEX Studio 上次未正常退出。是否恢复于 %1 自动保存的会话？</translation>
    </message>
    <message>
        <source>Restoring the session autosaved at %1</source>
        <translation>正在恢复于 %1 自动保存的会话</translation>
    </message>
</context>
<context>
    <name>vindex::studio::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Folder with LLaVA, vision towers and brain encoders</source>
        <translation>存放 LLaVA、视觉编码器和脑编码器的文件夹</translation>
    </message>
    <message>
        <source>Folder with the NSD data</source>
        <translation>存放 NSD 数据的文件夹</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>CUDA GPU (not available on this computer)</source>
        <translation>CUDA GPU（此计算机上不可用）</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>The new language applies when VINDEX Studio is started again.</source>
        <translation>新的语言将在下次启动 VINDEX Studio 时生效。</translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation>模型文件夹(&amp;M)：</translation>
    </message>
    <message>
        <source>Choose the Model Folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>数据文件夹(&amp;D)：</translation>
    </message>
    <message>
        <source>Choose the Data Folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>Compute &amp;device:</source>
        <translation>计算设备(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Default: brainhub/ inside the dataset</source>
        <translation>默认：数据集中的 brainhub/</translation>
    </message>
    <message>
        <source>BrainHub&apos;s folder with caption/fmri_cococap.json and bbox/coco_bbox_categorized.json: reference captions and ground-truth boxes of the test split</source>
        <translation>包含 caption/fmri_cococap.json 和 bbox/coco_bbox_categorized.json 的 BrainHub 文件夹：测试划分的参考描述和真实标注框</translation>
    </message>
    <message>
        <source>&amp;BrainHub folder:</source>
        <translation>BrainHub 文件夹(&amp;B)：</translation>
    </message>
    <message>
        <source>Choose the BrainHub Folder</source>
        <translation>选择 BrainHub 文件夹</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>How often the current session is saved for recovery after a crash</source>
        <translation>当前会话的保存频率，用于崩溃后恢复</translation>
    </message>
    <message>
        <source>&amp;Autosave session every:</source>
        <translation>会话自动保存间隔(&amp;A)：</translation>
    </message>
    <message>
        <source>Not set: not computed</source>
        <translation>未设置：不计算</translation>
    </message>
    <message>
        <source>Choose METEOR&apos;s Data Folder</source>
        <translation>选择 METEOR 数据文件夹</translation>
    </message>
    <message>
        <source>METEOR 1.5&apos;s data folder, holding its paraphrase table paraphrase-en.gz (the Python package pycocoevalcap ships it as pycocoevalcap/meteor/data). Set: METEOR is the jar&apos;s, with paraphrases, as BrainHub reports it. Empty: METEOR without its paraphrase stage (&quot;METEOR (no paraphrase)&quot;, when WordNet is installed).</source>
        <translation>METEOR 1.5 的数据文件夹，含其释义表 paraphrase-en.gz（Python 包 pycocoevalcap 以 pycocoevalcap/meteor/data 提供）。设置后：METEOR 与 jar 的计算一致、含释义匹配，与 BrainHub 报告的相同。留空：不含释义阶段的 METEOR（&quot;METEOR (no paraphrase)&quot;，需已安装 WordNet）。</translation>
    </message>
    <message>
        <source>Choose the PAC-S Checkpoint</source>
        <translation>选择 PAC-S 检查点</translation>
    </message>
    <message>
        <source>PAC-S and RefPAC-S: the PAC-finetuned CLIP checkpoint in OpenAI&apos;s layout (clip_ViT-B-32.pth from aimagelab/pacscore). PAC-S compares each caption with its stimulus image, which the studio does not give the scoring yet: the setting is kept, but PAC-S is not computed when results are loaded (use vindex eval captions --pacs).</source>
        <translation>PAC-S 与 RefPAC-S：OpenAI 格式的 PAC 微调 CLIP 检查点（aimagelab/pacscore 的 clip_ViT-B-32.pth）。PAC-S 将每条描述与其刺激图像比较，而 Studio 目前尚未向评分提供图像：此设置会被保存，但加载结果时不计算 PAC-S（请使用 vindex eval captions --pacs）。</translation>
    </message>
    <message>
        <source>PyTorch checkpoints (*.pth *.pt);;All files (*)</source>
        <translation>PyTorch 检查点 (*.pth *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose CLIP&apos;s BPE Vocabulary</source>
        <translation>选择 CLIP 的 BPE 词表</translation>
    </message>
    <message>
        <source>OpenAI CLIP&apos;s bpe_simple_vocab_16e6.txt.gz for the PAC-S checkpoint. Empty: the file beside the checkpoint.</source>
        <translation>PAC-S 检查点所用的 OpenAI CLIP 词表 bpe_simple_vocab_16e6.txt.gz。留空：使用检查点旁边的文件。</translation>
    </message>
    <message>
        <source>Default: beside the checkpoint</source>
        <translation>默认：检查点旁边</translation>
    </message>
    <message>
        <source>BPE vocabulary (*.txt.gz *.txt);;All files (*)</source>
        <translation>BPE 词表 (*.txt.gz *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the Scene-Graph Parser Folder</source>
        <translation>选择场景图解析器文件夹</translation>
    </message>
    <message>
        <source>Object, attribute and relation precision/recall/F1 and CAPTURE: the FACTUAL scene-graph parser&apos;s folder (lizhuang144/flan-t5-base-VG-factual-sg: config.json, model.safetensors, spiece.model). Needed unless the stored scene graphs hold every sentence; needs the CAPTURE sentence encoder too.</source>
        <translation>对象、属性和关系的精确率/召回率/F1 以及 CAPTURE：FACTUAL 场景图解析器的文件夹（lizhuang144/flan-t5-base-VG-factual-sg：config.json、model.safetensors、spiece.model）。除非已存储的场景图包含每个句子，否则需要它；还需要 CAPTURE 的句子编码器。</translation>
    </message>
    <message>
        <source>Choose a Stored Scene Graphs File</source>
        <translation>选择已存储的场景图文件</translation>
    </message>
    <message>
        <source>Scene graphs parsed before, a JSON file {&quot;sentence&quot;: &quot;( man , is , young ) , ...&quot;}: asked before the parser, which parses the sentences it lacks. Without a parser, every sentence must be in it.</source>
        <translation>之前解析好的场景图，JSON 文件 {&quot;sentence&quot;: &quot;( man , is , young ) , ...&quot;}：先于解析器查询，缺少的句子由解析器解析。没有解析器时，它必须包含每个句子。</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose CAPTURE&apos;s Sentence Encoder</source>
        <translation>选择 CAPTURE 的句子编码器</translation>
    </message>
    <message>
        <source>The sentence encoder of CAPTURE&apos;s soft matching, a sentence-transformers folder (CAPTURE uses all-mpnet-base-v2; all-MiniLM-L6-v2 works too). Element scores and CAPTURE are computed when it and scene graphs (parser or stored file) are set.</source>
        <translation>CAPTURE 软匹配所用的句子编码器，一个 sentence-transformers 文件夹（CAPTURE 使用 all-mpnet-base-v2；all-MiniLM-L6-v2 也可以）。设置了它和场景图（解析器或已存储文件）后，计算元素得分和 CAPTURE。</translation>
    </message>
    <message>
        <source>Choose SentenceS&apos;s Sentence Encoder</source>
        <translation>选择 SentenceS 的句子编码器</translation>
    </message>
    <message>
        <source>SentenceS: the cosine between the caption&apos;s and its references&apos; sentence embeddings, with all-MiniLM-L6-v2 as sentence-transformers saves it (BrainHub&apos;s choice). Empty: SentenceS is not computed.</source>
        <translation>SentenceS：描述与其参考描述的句子嵌入之间的余弦，使用 sentence-transformers 保存的 all-MiniLM-L6-v2（BrainHub 的选择）。留空：不计算 SentenceS。</translation>
    </message>
    <message>
        <source>Caption metrics (empty: not computed)</source>
        <translation>描述指标（留空：不计算）</translation>
    </message>
    <message>
        <source>Models and data the caption metrics need; results loaded afterwards are scored with them</source>
        <translation>描述指标所需的模型和数据；之后加载的结果将用它们评分</translation>
    </message>
    <message>
        <source>METEOR pa&amp;raphrases:</source>
        <translation>METEOR 释义(&amp;R)：</translation>
    </message>
    <message>
        <source>PAC-S chec&amp;kpoint:</source>
        <translation>PAC-S 检查点(&amp;K)：</translation>
    </message>
    <message>
        <source>PAC-S &amp;vocabulary:</source>
        <translation>PAC-S 词表(&amp;V)：</translation>
    </message>
    <message>
        <source>Scene-graph &amp;parser:</source>
        <translation>场景图解析器(&amp;P)：</translation>
    </message>
    <message>
        <source>S&amp;tored scene graphs:</source>
        <translation>已存储的场景图(&amp;T)：</translation>
    </message>
    <message>
        <source>CAPTURE &amp;encoder:</source>
        <translation>CAPTURE 编码器(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;SentenceS encoder:</source>
        <translation>SentenceS 编码器(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>vindex::studio::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Trial table ▸ Previous / next trial</source>
        <translation>试次表 ▸ 上一个 / 下一个试次</translation>
    </message>
    <message>
        <source>Up / Down</source>
        <translation>上 / 下</translation>
    </message>
    <message>
        <source>Trial table ▸ Page through the trials</source>
        <translation>试次表 ▸ 翻页浏览试次</translation>
    </message>
    <message>
        <source>Page Up / Page Down</source>
        <translation>Page Up / Page Down</translation>
    </message>
    <message>
        <source>Trial filter ▸ Previous / next trial while typing</source>
        <translation>试次筛选 ▸ 输入时切换上一个 / 下一个试次</translation>
    </message>
    <message>
        <source>Trial filter ▸ Go to the table</source>
        <translation>试次筛选 ▸ 转到表格</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>Trial filter ▸ Clear the filter</source>
        <translation>试次筛选 ▸ 清除筛选</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>3D view ▸ Rotate / pan / zoom</source>
        <translation>三维视图 ▸ 旋转 / 平移 / 缩放</translation>
    </message>
    <message>
        <source>Left drag / middle drag / wheel</source>
        <translation>左键拖动 / 中键拖动 / 滚轮</translation>
    </message>
    <message>
        <source>Slice views ▸ Move the cursor</source>
        <translation>切片视图 ▸ 移动光标</translation>
    </message>
    <message>
        <source>Click / left drag</source>
        <translation>单击 / 左键拖动</translation>
    </message>
    <message>
        <source>Slice views ▸ Step the slice</source>
        <translation>切片视图 ▸ 逐层切换切片</translation>
    </message>
    <message>
        <source>Slice views ▸ Step the slice by 5</source>
        <translation>切片视图 ▸ 每次切换 5 层切片</translation>
    </message>
</context>
<context>
    <name>vindex::studio::TrainDialog</name>
    <message>
        <source>Train Brain Encoder</source>
        <translation>训练脑编码器</translation>
    </message>
    <message>
        <source>NSD Dataset Folder</source>
        <translation>NSD 数据集文件夹</translation>
    </message>
    <message>
        <source>NF scale:</source>
        <translation>NF 尺度：</translation>
    </message>
    <message>
        <source>Multimodal LLM</source>
        <translation>多模态大语言模型</translation>
    </message>
    <message>
        <source>Vision tower</source>
        <translation>视觉塔</translation>
    </message>
    <message>
        <source>Model Folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>LLaVA-family or Shikra folder whose vision side gives the targets</source>
        <translation>LLaVA 系列或 Shikra 文件夹，其视觉部分提供训练目标</translation>
    </message>
    <message>
        <source>Run Folder</source>
        <translation>运行文件夹</translation>
    </message>
    <message>
        <source>checkpoints, target cache and train_log.jsonl go here</source>
        <translation>检查点、目标缓存和 train_log.jsonl 保存在此</translation>
    </message>
    <message>
        <source>Checkpoint to Continue</source>
        <translation>要继续的检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.safetensors *.pth);;All files (*)</source>
        <translation>检查点 (*.safetensors *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <source>empty: a new run; or a run folder, last.safetensors or a UMBRAE .pth</source>
        <translation>留空：新的运行；或运行文件夹、last.safetensors 或 UMBRAE .pth</translation>
    </message>
    <message>
        <source>Data and targets</source>
        <translation>数据与目标</translation>
    </message>
    <message>
        <source>&amp;Dataset:</source>
        <translation>数据集(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>被试(&amp;S)：</translation>
    </message>
    <message>
        <source>Feature space:</source>
        <translation>特征空间：</translation>
    </message>
    <message>
        <source>Targets from:</source>
        <translation>目标来源：</translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation>模型文件夹(&amp;M)：</translation>
    </message>
    <message>
        <source>β of VINDEX&apos;s objective L_R + β·L_D; 0 trains with UMBRAE&apos;s regression loss alone</source>
        <translation>VINDEX 目标函数 L_R + β·L_D 中的 β；为 0 时仅使用 UMBRAE 的回归损失训练</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Recipe (UMBRAE&apos;s defaults)</source>
        <translation>训练配置（UMBRAE 默认值）</translation>
    </message>
    <message>
        <source>Clean: fit train, best on val</source>
        <translation>干净：在 train 上拟合，按 val 选最佳</translation>
    </message>
    <message>
        <source>UMBRAE: fit train + val, best on test, augmented</source>
        <translation>UMBRAE：在 train + val 上拟合，按 test 选最佳，带数据增强</translation>
    </message>
    <message>
        <source>UMBRAE&apos;s train.py fits the train and val splits and keeps the checkpoint that is best on the test split, with image augmentation; the clean recipe leaves the test split unseen</source>
        <translation>UMBRAE 的 train.py 在 train 和 val 划分上拟合，并保留在 test 划分上最佳的检查点，同时使用图像增强；干净配置不接触 test 划分</translation>
    </message>
    <message>
        <source>Spl&amp;its:</source>
        <translation>数据划分(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Batch:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <source>Max &amp;learning rate:</source>
        <translation>最大学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>De&amp;noiser weight β:</source>
        <translation>去噪器权重 β(&amp;N)：</translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation>CPU 线程数(&amp;T)：</translation>
    </message>
    <message>
        <source>Encoder (BrainXS)</source>
        <translation>编码器（BrainXS）</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W)：</translation>
    </message>
    <message>
        <source>De&amp;pth:</source>
        <translation>深度(&amp;P)：</translation>
    </message>
    <message>
        <source>Heads × width:</source>
        <translation>头数 × 宽度：</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>&amp;Run folder:</source>
        <translation>运行文件夹(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Continue from:</source>
        <translation>继续自(&amp;C)：</translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Recipe and encoder size come from the checkpoint</source>
        <translation>训练配置和编码器大小取自检查点</translation>
    </message>
    <message>
        <source>Choose the NSD dataset folder.</source>
        <translation>请选择 NSD 数据集文件夹。</translation>
    </message>
    <message>
        <source>Choose the multimodal LLM folder whose vision side gives the targets.</source>
        <translation>请选择多模态大语言模型文件夹，其视觉部分提供训练目标。</translation>
    </message>
    <message>
        <source>Choose the vision tower folder that gives the targets.</source>
        <translation>请选择提供训练目标的视觉塔文件夹。</translation>
    </message>
    <message>
        <source>Choose a run folder for the checkpoints and the log.</source>
        <translation>请为检查点和日志选择运行文件夹。</translation>
    </message>
    <message>
        <source>Continue That Run</source>
        <translation>继续该运行</translation>
    </message>
    <message>
        <source>Continue the run in this folder from its last checkpoint</source>
        <translation>从该文件夹中运行的最后一个检查点继续</translation>
    </message>
    <message>
        <source>The checkpoint to continue from does not exist: %1</source>
        <translation>要继续的检查点不存在：%1</translation>
    </message>
    <message>
        <source>The run folder is a file: %1. Choose a folder.</source>
        <translation>运行文件夹是一个文件：%1。请选择一个文件夹。</translation>
    </message>
    <message>
        <source>This run folder holds a training run already (last.safetensors). Choose another run folder, or continue that run (Continue from).</source>
        <translation>该运行文件夹中已有一次训练运行（last.safetensors）。请选择另一个运行文件夹，或继续该运行（继续自）。</translation>
    </message>
</context>
<context>
    <name>vindex::studio::TrainJob</name>
    <message>
        <source>Train %1 encoder · subject %2</source>
        <translation>训练 %1 编码器 · 被试 %2</translation>
    </message>
    <message>
        <source>Run folder %1</source>
        <translation>运行文件夹 %1</translation>
    </message>
    <message>
        <source>Continuing from %1</source>
        <translation>从 %1 继续</translation>
    </message>
    <message>
        <source>Pausing at the next step…</source>
        <translation>将在下一步暂停…</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %2</source>
        <translation>第 %1 轮：验证损失 %2</translation>
    </message>
    <message>
        <source>Computing training targets (%1%)</source>
        <translation>正在计算训练目标（%1%）</translation>
    </message>
    <message>
        <source>Epoch %1/%2: validating</source>
        <translation>第 %1/%2 轮：正在验证</translation>
    </message>
    <message>
        <source>Paused at step %1 of %2</source>
        <translation>已在第 %1 步（共 %2 步）暂停</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · step %3/%4 · loss %5 · %6 samples/s</source>
        <translation>第 %1/%2 轮 · 第 %3/%4 步 · 损失 %5 · %6 样本/秒</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>%1 steps in %2 epochs; last training loss %3, best validation loss %4</source>
        <translation>%2 轮共 %1 步；最后训练损失 %3，最佳验证损失 %4</translation>
    </message>
    <message>
        <source>Checkpoint %1</source>
        <translation>检查点 %1</translation>
    </message>
    <message>
        <source>No checkpoint was written: the run was cancelled before its first training step.</source>
        <translation>未写入检查点：运行在第一个训练步骤之前就已取消。</translation>
    </message>
    <message>
        <source>Cancelled; checkpoint %1</source>
        <translation>已取消；检查点 %1</translation>
    </message>
    <message>
        <source>Cancelled at step %1; checkpoint %2</source>
        <translation>在第 %1 步取消；检查点 %2</translation>
    </message>
    <message>
        <source>To go on from there: Tools ▸ Train Brain Encoder…, Continue from: %1</source>
        <translation>要从那里继续：工具 ▸ 训练脑编码器…，继续自：%1</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::BrainPanel</name>
    <message>
        <source>Betas</source>
        <translation>β 值</translation>
    </message>
    <message>
        <source>Show the mean of the trial&apos;s repeats or the betas of one repeat</source>
        <translation>显示试次各次重复的平均值，或某一次重复的 β 值</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Diverging (cool–warm)</source>
        <translation>发散（冷–暖）</translation>
    </message>
    <message>
        <source>Hot</source>
        <translation>热色 (Hot)</translation>
    </message>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation>色图：</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Automatic (98th percentile of |β|)</source>
        <translation>自动（|β| 的第 98 百分位数）</translation>
    </message>
    <message>
        <source>Fit the range to each trial&apos;s values, ignoring the strongest 2 % of voxels</source>
        <translation>根据每个试次的数值调整范围，忽略最强的 2% 体素</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>|β| ≥ t (both signs)</source>
        <translation>|β| ≥ t（正负两侧）</translation>
    </message>
    <message>
        <source>β ≥ t (positive only)</source>
        <translation>β ≥ t（仅正值）</translation>
    </message>
    <message>
        <source>t:</source>
        <translation>t：</translation>
    </message>
    <message>
        <source>Opacity of the voxels below the threshold: 0 % hides them</source>
        <translation>低于阈值的体素的不透明度：0% 表示隐藏</translation>
    </message>
    <message>
        <source>Below t:</source>
        <translation>低于 t：</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>光标</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Mean of %1 repeats</source>
        <translation>%1 次重复的平均值</translation>
    </message>
    <message>
        <source>Mean of the repeats</source>
        <translation>各次重复的平均值</translation>
    </message>
    <message>
        <source>Repeat %1</source>
        <translation>第 %1 次重复</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::CompareView</name>
    <message>
        <source>Boxes drawn on the stimulus: the ground truth and each grounding result</source>
        <translation>绘制在刺激上的标注框：真实标注及各定位结果</translation>
    </message>
    <message>
        <source>Load decoding results with File ▸ Load Results… and select a test trial</source>
        <translation>通过 文件 ▸ 加载结果… 加载解码结果，并选择一个测试试次</translation>
    </message>
    <message>
        <source>Ground truth (colour per category)</source>
        <translation>真实标注（每个类别一种颜色）</translation>
    </message>
    <message>
        <source>%1 (dashed)</source>
        <translation>%1（虚线）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Reference %1</source>
        <translation>参考 %1</translation>
    </message>
    <message>
        <source>(no caption for this trial)</source>
        <translation>（此试次没有描述）</translation>
    </message>
    <message>
        <source>(no decoded boxes for this trial)</source>
        <translation>（此试次没有解码出的标注框）</translation>
    </message>
    <message>
        <source>Boxes: %1</source>
        <translation>标注框：%1</translation>
    </message>
    <message>
        <source> · acc@0.5 %1 · IoU %2</source>
        <translation> · acc@0.5 %1 · IoU %2</translation>
    </message>
    <message>
        <source>Result (×100)</source>
        <translation>结果（×100）</translation>
    </message>
    <message>
        <source>Trials</source>
        <translation>试次</translation>
    </message>
    <message>
        <source>Corpus scores (×100)</source>
        <translation>语料库得分（×100）</translation>
    </message>
    <message>
        <source>Load caption results to compare them</source>
        <translation>加载描述结果以进行比较</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::LogPanel</name>
    <message>
        <source>Messages from loading, decoding and training appear here.</source>
        <translation>加载、解码和训练的消息将显示在这里。</translation>
    </message>
    <message>
        <source>Clear Log</source>
        <translation>清空日志</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::LossChart</name>
    <message>
        <source>Training loss (per step)</source>
        <translation>训练损失（每步）</translation>
    </message>
    <message>
        <source>Validation loss (per epoch)</source>
        <translation>验证损失（每轮）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::PathEdit</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::SliceView</name>
    <message>
        <source>Sagittal</source>
        <translation>矢状面</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>冠状面</translation>
    </message>
    <message>
        <source>Axial</source>
        <translation>轴状面</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::StimulusPanel</name>
    <message>
        <source>Select a trial to see its stimulus</source>
        <translation>选择一个试次以查看其刺激图像</translation>
    </message>
    <message>
        <source>Ground-truth &amp;boxes</source>
        <translation>真实标注框(&amp;B)</translation>
    </message>
    <message>
        <source>Reference captions</source>
        <translation>参考描述</translation>
    </message>
    <message>
        <source>No reference captions for this image</source>
        <translation>此图像没有参考描述</translation>
    </message>
    <message>
        <source>No trial selected</source>
        <translation>未选择试次</translation>
    </message>
    <message>
        <source>Ground-truth &amp;boxes (%1)</source>
        <translation>真实标注框 (%1)(&amp;B)</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::StimulusView</name>
    <message>
        <source>No trial selected</source>
        <translation>未选择试次</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::TrialBrowser</name>
    <message>
        <source>Filter by caption words or category</source>
        <translation>按描述中的词或类别筛选</translation>
    </message>
    <message>
        <source>Keeps the trials whose captions or box categories contain words starting with every word typed here (case is ignored). Up/Down move through the trials, Enter goes to the table, Escape clears the filter.</source>
        <translation>保留其描述或框类别中含有以此处输入的每个词开头的词的试次（不区分大小写）。上/下键切换试次，回车进入表格，Esc 清除筛选。</translation>
    </message>
    <message>
        <source>This split has no trials</source>
        <translation>此划分没有试次</translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>未打开数据集</translation>
    </message>
    <message>
        <source>%1 trials</source>
        <translation>%1 个试次</translation>
    </message>
    <message>
        <source>%1 of %2 trials</source>
        <translation>%1 / %2 个试次</translation>
    </message>
    <message>
        <source>No trial matches &quot;%1&quot;</source>
        <translation>没有与“%1”匹配的试次</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::TrialTableModel</name>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>val</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Image ID</source>
        <translation>图像 ID</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>First caption</source>
        <translation>第一条描述</translation>
    </message>
    <message>
        <source>Position of the trial within its split (BrainHub&apos;s index for the test split)</source>
        <translation>试次在其划分中的位置（测试划分即 BrainHub 的索引）</translation>
    </message>
    <message>
        <source>0-based image id in NSD&apos;s 73k image space</source>
        <translation>NSD 73k 图像空间中从 0 开始的图像 ID</translation>
    </message>
    <message>
        <source>Training, validation or test split</source>
        <translation>训练、验证或测试划分</translation>
    </message>
    <message>
        <source>How often the subject saw the image</source>
        <translation>被试看到该图像的次数</translation>
    </message>
    <message>
        <source>The first reference caption of the image</source>
        <translation>图像的第一条参考描述</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::VolumePanel</name>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Dimensions:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>Voxel size:</source>
        <translation>体素大小：</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>数值：</translation>
    </message>
    <message>
        <source>Slices</source>
        <translation>切片</translation>
    </message>
    <message>
        <source>Sagittal (x):</source>
        <translation>矢状面 (x)：</translation>
    </message>
    <message>
        <source>Coronal (y):</source>
        <translation>冠状面 (y)：</translation>
    </message>
    <message>
        <source>Axial (z):</source>
        <translation>轴状面 (z)：</translation>
    </message>
    <message>
        <source>Grey window</source>
        <translation>灰度窗</translation>
    </message>
    <message>
        <source>Black at:</source>
        <translation>黑色对应：</translation>
    </message>
    <message>
        <source>White at:</source>
        <translation>白色对应：</translation>
    </message>
    <message>
        <source>Automatic Window</source>
        <translation>自动窗宽</translation>
    </message>
    <message>
        <source>Reset View</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>(volume %1 of %2)</source>
        <translation>（第 %1 个，共 %2 个体数据）</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 mm</source>
        <translation>%1 × %2 × %3 mm</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>No volume open</source>
        <translation>未打开体数据</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>信息</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::VolumeView</name>
    <message>
        <source>No volume open</source>
        <translation>未打开体数据</translation>
    </message>
    <message>
        <source>%1, magnitude</source>
        <translation>%1，绝对值</translation>
    </message>
</context>
</TS>
