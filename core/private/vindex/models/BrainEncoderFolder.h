#pragma once
// The method's --brainx_path for MMVP (ME): a folder of UMBRAE BrainXS checkpoints, one per vision tower whose
// features they predict, each where UMBRAE's train.py writes it (<experiment>/last.pth) under the tower's name and
// image size: sub01_dim1024/clip_224/last.pth and sub01_dim1024/dino_224/last.pth. The method's MMVP script is not
// public; these names follow its SE checkpoints (…/sub01_dim1024/clip_224/last.pth) and its training options
// (--vision_tower clip|dino, --img_size 224).
#include <string>
#include <vector>

namespace vindex::models {

class BrainEncoderFolder {
public:
    // A directory holding at least one <tower>_<size> subfolder (clip_224, dino_224, …).
    static bool isEncoderFolder(const std::string &path);
    // The checkpoint for tower ("clip", "dino"): <tower>_224/last.pth when it is there (the method trains its ME
    // encoders at 224), else the only <tower>_*/last.pth. Throws ModelError naming the folder and the subfolders it
    // holds when there is none, or several without a 224 one.
    static std::string checkpoint(const std::string &folder, const std::string &tower);
    // "clip_224, dino_224" for messages: the <tower>_<size> subfolders present, sorted.
    static std::vector<std::string> towerFolders(const std::string &folder);
};

} // namespace vindex::models
