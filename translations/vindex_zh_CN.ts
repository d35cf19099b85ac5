<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
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
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Volume Panel</source>
        <translation>体数据面板(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Log Panel</source>
        <translation>日志面板(&amp;L)</translation>
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
        <source>&amp;About VINDEX Studio</source>
        <translation>关于 VINDEX Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>清空菜单(&amp;C)</translation>
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
        <source>Open a NIfTI volume with File ▸ Open Volume… (%1),
or drop a .nii or .nii.gz file here.</source>
        <translation>通过“文件 ▸ 打开体数据…”（%1）打开 NIfTI 体数据，
或将 .nii / .nii.gz 文件拖放到此处。</translation>
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
</context>
</TS>
