#include "SpaceOptions.h"

#include <QComboBox>

namespace vindex::studio {

void SpaceOptions::fillSpaces(QComboBox *combo)
{
    combo->clear();
    combo->addItem(tr("SE — single vision encoder (LLaVA)"), QStringLiteral("se"));
    combo->addItem(tr("ME — multiple encoders (MMVP: CLIP + DINOv2)"), QStringLiteral("me"));
    combo->addItem(tr("AF — aggregated features (Dense Connector)"), QStringLiteral("af"));
    combo->addItem(tr("NF — nested features (M3)"), QStringLiteral("nf"));
    combo->addItem(tr("Shikra"), QStringLiteral("shikra"));
}

void SpaceOptions::fillScales(QComboBox *combo)
{
    combo->clear();
    combo->addItem(tr("Model default"), 0);
    for (int scale : {1, 9, 36, 144, 576})
        combo->addItem(tr("%n token(s)", nullptr, scale), scale);
}

bool SpaceOptions::select(QComboBox *combo, const QVariant &data)
{
    const int index = combo->findData(data);
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    return true;
}

} // namespace vindex::studio
